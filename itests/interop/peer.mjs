// A js-libp2p peer for the interop tests: listens on 127.0.0.1 (ephemeral port), serves /test/echo/1.0.0,
// prints one JSON line per event or reply on stdout, and takes one JSON command per line on stdin.
// MUXER=mplex makes it offer only mplex (default: only yamux); SECURITY=tls makes it offer only TLS (default: only Noise);
// TRANSPORT=ws makes it listen and dial on WebSocket only, TRANSPORT=quic on QUIC only (default: TCP only).
import './node20.mjs'
import { noise } from '@chainsafe/libp2p-noise'
import { quic } from '@chainsafe/libp2p-quic'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify, identifyPush } from '@libp2p/identify'
import { mplex } from '@libp2p/mplex'
import { peerIdFromString } from '@libp2p/peer-id'
import { ping } from '@libp2p/ping'
import { tls } from '@libp2p/tls'
import { tcp } from '@libp2p/tcp'
import { webSockets } from '@libp2p/websockets'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import readline from 'node:readline'

const ECHO = '/test/echo/1.0.0'
const out = (value) => process.stdout.write(JSON.stringify(value) + '\n')
const text = (bytes) => bytes == null ? null : new TextDecoder().decode(bytes)

const TRANSPORTS = {
  tcp: { listen: '/ip4/127.0.0.1/tcp/0', transport: tcp },
  ws: { listen: '/ip4/127.0.0.1/tcp/0/ws', transport: webSockets },
  quic: { listen: '/ip4/127.0.0.1/udp/0/quic-v1', transport: quic }
}
const chosen = TRANSPORTS[process.env.TRANSPORT ?? 'tcp']

const node = await createLibp2p({
  addresses: { listen: [chosen.listen] },
  transports: [chosen.transport()],
  connectionEncrypters: [process.env.SECURITY === 'tls' ? tls() : noise()],
  streamMuxers: [process.env.MUXER === 'mplex' ? mplex() : yamux()],
  services: { identify: identify(), identifyPush: identifyPush(), ping: ping() }
})

await node.handle(ECHO, ({ stream }) => { stream.sink(stream.source).catch(() => stream.abort(new Error('echo failed'))) })

node.addEventListener('peer:identify', (evt) => out({
  event: 'identified',
  peer: evt.detail.peerId.toString(),
  protocols: evt.detail.protocols,
  agentVersion: evt.detail.agentVersion,
  listenAddrs: evt.detail.listenAddrs.map(String)
}))

// js-libp2p allows one outbound identify stream per connection: while its own identify of a new connection runs, an
// explicit one fails with TooManyOutboundProtocolStreamsError; wait (bounded) for that one to finish.
async function identifyOnce (connection) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await node.services.identify.identify(connection)
    } catch (err) {
      if (err.name !== 'TooManyOutboundProtocolStreamsError' || attempt >= 50) throw err
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

const ops = {
  dial: async ({ addr }) => ({ remotePeer: (await node.dial(multiaddr(addr))).remotePeer.toString() }),
  ping: async ({ addr }) => ({ rtt: await node.services.ping.ping(multiaddr(addr)) }),
  identify: async ({ peer }) => {
    const connection = node.getConnections(peerIdFromString(peer))[0]
    const result = await identifyOnce(connection)
    return {
      protocols: result.protocols,
      agentVersion: result.agentVersion,
      protocolVersion: result.protocolVersion,
      listenAddrs: result.listenAddrs.map(String),
      observedAddr: result.observedAddr == null ? null : String(result.observedAddr),
      signedPeerRecord: result.signedPeerRecord == null ? null : result.signedPeerRecord.addresses.map(String)
    }
  },
  echo: async ({ addr, data, protocol }) => {
    const stream = await node.dialProtocol(multiaddr(addr), protocol ?? ECHO)
    const chunks = []
    await Promise.all([
      stream.sink([new TextEncoder().encode(data)]),
      (async () => { for await (const chunk of stream.source) chunks.push(text(chunk.subarray())) })()
    ])
    return { data: chunks.join('') }
  },
  connection: async ({ peer }) => {
    // the dialler may finish its upgrade (TLS: the client's Finished) before this side lists the connection
    const id = peerIdFromString(peer)
    for (let waited = 0; node.getConnections(id).length === 0 && waited < 10000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const connection = node.getConnections(id)[0]
    if (connection == null) throw new Error('no connection to ' + peer + ' within 10 s')
    return { encryption: connection.encryption, multiplexer: connection.multiplexer }
  },
  peer: async ({ peer }) => {
    const p = await node.peerStore.get(peerIdFromString(peer))
    return {
      protocols: p.protocols,
      agentVersion: text(p.metadata.get('AgentVersion')),
      addresses: p.addresses.map(a => String(a.multiaddr))
    }
  },
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
