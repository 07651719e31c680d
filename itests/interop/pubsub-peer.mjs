// A js-libp2p peer with @chainsafe/libp2p-gossipsub (StrictSign) for the pubsub interop tests: listens on 127.0.0.1
// (ephemeral port), prints one JSON line per event or reply on stdout and takes one JSON command per line on stdin.
// Every message it receives (gossipsub verified its signature first) is kept, and printed as {"event":"message",...};
// the op "messages" returns those kept so far (JsPeer drops event lines that arrive while it waits for a reply).
import './node20.mjs'
import { gossipsub } from '@chainsafe/libp2p-gossipsub'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify, identifyPush } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import readline from 'node:readline'

const out = (value) => process.stdout.write(JSON.stringify(value) + '\n')
const hex = (bytes) => Buffer.from(bytes).toString('hex')

const node = await createLibp2p({
  addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: {
    identify: identify(),
    identifyPush: identifyPush(),
    pubsub: gossipsub({ globalSignaturePolicy: 'StrictSign', allowPublishToZeroTopicPeers: true, emitSelf: false })
  }
})

const received = []
node.services.pubsub.addEventListener('message', (evt) => {
  const m = evt.detail
  const message = {
    type: m.type,
    topic: m.topic,
    from: m.type === 'signed' ? m.from.toString() : null,
    data: new TextDecoder().decode(m.data),
    seqno: m.type === 'signed' ? m.sequenceNumber.toString() : null,
    signature: m.type === 'signed' ? hex(m.signature) : null
  }
  received.push(message)
  out({ event: 'message', ...message })
})

const ops = {
  dial: async ({ addr }) => ({ remotePeer: (await node.dial(multiaddr(addr))).remotePeer.toString() }),
  subscribe: async ({ topic }) => { node.services.pubsub.subscribe(topic); return {} },
  publish: async ({ topic, data }) => {
    const result = await node.services.pubsub.publish(topic, new TextEncoder().encode(data))
    return { recipients: result.recipients.map(String) }
  },
  subscribers: async ({ topic }) => ({ peers: node.services.pubsub.getSubscribers(topic).map(String) }),
  mesh: async ({ topic }) => ({ peers: node.services.pubsub.getMeshPeers(topic) }),
  messages: async () => ({ messages: received }),
  score: async ({ peer }) => ({ score: node.services.pubsub.score.score(peer) }),
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
