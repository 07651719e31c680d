// A js-libp2p peer with @libp2p/mdns for MdnsJsInteropIT, run inside a network namespace the test makes: listens on
// every interface (ephemeral TCP port), asks mDNS every MDNS_INTERVAL ms (default 10000, the module's), answers every
// question, never dials on its own.
// Prints one JSON line per event on stdout: listening {peerId, addrs}; discovered {peer, addrs} for each peer mDNS finds;
// connected {peer, direction} for each connection opened.
import './node20.mjs'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { mdns } from '@libp2p/mdns'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'

const out = (value) => process.stdout.write(JSON.stringify(value) + '\n')

const node = await createLibp2p({
  addresses: { listen: ['/ip4/0.0.0.0/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  peerDiscovery: [mdns({ interval: Number(process.env.MDNS_INTERVAL ?? 10000) })],
  services: { identify: identify() }
})

node.addEventListener('peer:discovery', (evt) => out({
  event: 'discovered', peer: evt.detail.id.toString(), addrs: evt.detail.multiaddrs.map(String)
}))
node.addEventListener('connection:open', (evt) => out({
  event: 'connected', peer: evt.detail.remotePeer.toString(), direction: evt.detail.direction
}))

out({ event: 'listening', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String) })
process.stdin.on('end', () => node.stop().then(() => process.exit(0)))
process.stdin.resume()
