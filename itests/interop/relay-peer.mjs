// A js-libp2p peer with @libp2p/circuit-relay-v2 for the relay interop tests: listens on 127.0.0.1 (ephemeral port),
// Noise and yamux, serves /test/echo/1.0.0 also over limited (relayed) connections, prints one JSON line per reply on
// stdout and takes one JSON command per line on stdin (as peer.mjs). RELAY=1 makes it a relay (the hop service with
// its default limits); RESERVE_ON=<relay multiaddr with /p2p> makes it listen on <relay>/p2p-circuit, which reserves
// there before the 'listening' line is printed.
import './node20.mjs'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { circuitRelayServer, circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import readline from 'node:readline'

const ECHO = '/test/echo/1.0.0'
const out = (value) => process.stdout.write(JSON.stringify(value) + '\n')
const text = (bytes) => new TextDecoder().decode(bytes)

const listen = ['/ip4/127.0.0.1/tcp/0']
if (process.env.RESERVE_ON) listen.push(`${process.env.RESERVE_ON}/p2p-circuit`)
const services = { identify: identify() }
if (process.env.RELAY) services.relay = circuitRelayServer()

const node = await createLibp2p({
  addresses: { listen },
  transports: [tcp(), circuitRelayTransport()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services
})

await node.handle(ECHO, ({ stream }) => { stream.sink(stream.source).catch(() => stream.abort(new Error('echo failed'))) },
  { runOnLimitedConnection: true })

const ops = {
  addrs: async () => ({ addrs: node.getMultiaddrs().map(String) }),
  dial: async ({ addr }) => ({ remotePeer: (await node.dial(multiaddr(addr))).remotePeer.toString() }),
  echo: async ({ addr, data }) => {
    const stream = await node.dialProtocol(multiaddr(addr), ECHO, { runOnLimitedConnection: true })
    const chunks = []
    await Promise.all([
      stream.sink([new TextEncoder().encode(data)]),
      (async () => { for await (const chunk of stream.source) chunks.push(text(chunk.subarray())) })()
    ])
    return { data: chunks.join('') }
  },
  connections: async () => ({
    connections: node.getConnections().map(c => ({ peer: c.remotePeer.toString(), addr: String(c.remoteAddr), limited: c.limits != null }))
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
