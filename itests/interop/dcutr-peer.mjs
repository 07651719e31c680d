// A js-libp2p peer with @libp2p/dcutr 2.0.38 for the hole-punching interop test: listens on and announces LISTEN (a TCP
// multiaddr with a fixed port),
// Noise and yamux, identify, the circuit relay v2 transport and DCUtR; RESERVE_ON=<relay multiaddr with /p2p> makes it
// listen on <relay>/p2p-circuit too (a reservation there before the 'listening' line). Prints one JSON line per reply
// on stdout and takes one JSON command per line on stdin (as peer.mjs); 'connections' lists each connection's peer,
// address and whether it is limited (relayed).
import './node20.mjs'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { dcutr } from '@libp2p/dcutr'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import readline from 'node:readline'

const out = (value) => process.stdout.write(JSON.stringify(value) + '\n')

const listen = [process.env.LISTEN]
if (process.env.RESERVE_ON) listen.push(`${process.env.RESERVE_ON}/p2p-circuit`)

const node = await createLibp2p({
  // js advertises a public listen address only once confirmed (AutoNAT); the test announces it instead
  addresses: { listen, appendAnnounce: [process.env.LISTEN] },
  transports: [tcp(), circuitRelayTransport()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: { identify: identify(), dcutr: dcutr() }
})

const ops = {
  addrs: async () => ({ addrs: node.getMultiaddrs().map(String) }),
  dial: async ({ addr }) => ({ remotePeer: (await node.dial(multiaddr(addr))).remotePeer.toString() }),
  connections: async () => ({
    connections: node.getConnections().map(c => ({
      peer: c.remotePeer.toString(), addr: String(c.remoteAddr), direction: c.direction, limited: c.limits != null
    }))
  }),
  stop: async () => { await node.stop(); setTimeout(() => process.exit(0), 10); return {} }
}

readline.createInterface({ input: process.stdin }).on('line', async (line) => {
  const command = JSON.parse(line)
  try {
    out({ id: command.id, ok: true, ...(await ops[command.op](command)) })
  } catch (e) {
    out({ id: command.id, ok: false, error: String(e && e.stack || e) })
  }
})

out({ event: 'listening', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String) })
