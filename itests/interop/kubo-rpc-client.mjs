// Runs kubo-rpc-client 7.1.0, unmodified, against a running node's RPC API and prints one JSON line per call:
// {"call":NAME,"ok":true,"result":…} or {"call":NAME,"ok":false,"error":…}; a failed call does not stop the others.
// Environment: API (the API's URL, http://127.0.0.1:PORT), FILE (a file to add), DIR (a directory to add wrapped),
// PEER (a multiaddr ending in /p2p/<id> to swarm connect to), TOPIC (a pubsub topic), FIND (a CID to find providers of).
// CIDs, peer ids and multiaddrs print as strings, bytes as {"length","sha256"}, bigints as decimal strings.
import './node20.mjs'
import { create, globSource } from 'kubo-rpc-client'
import { multiaddr } from '@multiformats/multiaddr'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import * as dagCbor from '@ipld/dag-cbor'
import * as dagJson from '@ipld/dag-json'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'

const { API, FILE, DIR, PEER, TOPIC, FIND } = process.env
const client = create({ url: API })
const TIMEOUT = 30_000

const digest = (bytes) => ({ length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') })
const plain = (value) => JSON.parse(JSON.stringify(value, function (key, v) {
  const raw = this[key] // before toJSON: CIDs, peer ids and multiaddrs have their own
  if (typeof raw === 'bigint') return raw.toString()
  if (raw instanceof Uint8Array) return digest(raw)
  if (CID.asCID(raw) != null) return raw.toString()
  if (raw != null && typeof raw === 'object' && (typeof raw.toMultiaddr === 'function' || raw.type === 'Ed25519' ||
      raw.type === 'RSA' || raw.type === 'secp256k1' || typeof raw.toCID === 'function')) return raw.toString()
  return v
}))

async function collect (iterable) {
  const values = []
  for await (const value of iterable) values.push(value)
  return values
}

async function concat (iterable) {
  const chunks = await collect(iterable)
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) { all.set(c, at); at += c.length }
  return all
}

async function call (name, fn) {
  try {
    const result = await fn({ signal: AbortSignal.timeout(TIMEOUT) })
    process.stdout.write(JSON.stringify({ call: name, ok: true, result: plain(result ?? null) }) + '\n')
    return result
  } catch (e) {
    process.stdout.write(JSON.stringify({ call: name, ok: false, error: `${e.name}: ${e.message}` }) + '\n')
    return undefined
  }
}

await call('id', (o) => client.id(o))
await call('version', (o) => client.version(o))

const fileBytes = await readFile(FILE)
const file = await call('add', (o) => client.add({ path: 'file.bin', content: fileBytes }, { ...o, cidVersion: 1, rawLeaves: true }))
const entries = await call('addAll', (o) => collect(client.addAll(globSource(DIR, '**/*'), { ...o, wrapWithDirectory: true })))
const dir = entries?.at(-1)?.cid
const garbage = await call('addUnpinned', (o) => client.add(`unpinned ${Date.now()}`, { ...o, pin: false }))
await call('cat', async (o) => digest(await concat(client.cat(file.cid, o))))
await call('catRange', async (o) => digest(await concat(client.cat(file.cid, { ...o, offset: 10, length: 1000 }))))
await call('ls', (o) => collect(client.ls(dir, o)))

await call('pin.rm', (o) => client.pin.rm(dir, o))
await call('pin.lsAfterRm', (o) => collect(client.pin.ls({ ...o, type: 'recursive' })))
await call('pin.add', (o) => client.pin.add(dir, o))
await call('pin.ls', (o) => collect(client.pin.ls({ ...o, type: 'recursive' })))
await call('pin.lsPath', (o) => collect(client.pin.ls({ ...o, paths: [dir] })))

const blockBytes = new TextEncoder().encode(`a block from kubo-rpc-client ${Date.now()}`)
await call('block.putInput', async () => digest(blockBytes))
const block = await call('block.put', (o) => client.block.put(blockBytes, o))
await call('block.get', (o) => client.block.get(block, o))
await call('block.stat', (o) => client.block.stat(block, o))
await call('block.rm', (o) => collect(client.block.rm(block, o)))

const car = await call('dag.export', async (o) => concat(client.dag.export(dir, o)))
await call('dag.import', (o) => collect(client.dag.import([car], { ...o, pinRoots: true })))
const put = await call('dag.put', (o) => client.dag.put({ hello: 'world' }, { ...o, storeCodec: 'dag-cbor' }))
await call('dag.getPut', async (o) => (await client.dag.get(put, o)).value)
await call('dag.get', async (o) => (await client.dag.get(dir, o)).value)
// kubo transcodes: our node must give @ipld/dag-cbor's and @ipld/dag-json's bytes for the same data
const model = {
  hello: 'world', n: 42, neg: -7, big: 2 ** 40, f: 1.5, tiny: 1e-7, list: [1, 'a', null, true, false],
  link: dir, bytes: new Uint8Array([0, 1, 2, 250]), nested: { b: 1, aa: 2, a: {} }, 'é€𝄞': 'é€𝄞\n"\u0001'
}
const cidOf = async (codec, bytes) => CID.create(1, codec.code, await sha256.digest(bytes)).toString()
await call('dag.transcode', async (o) => ({
  cbor: (await client.dag.put(dagJson.encode(model), { ...o, inputCodec: 'dag-json', storeCodec: 'dag-cbor' })).toString(),
  cborExpected: await cidOf(dagCbor, dagCbor.encode(model)),
  json: (await client.dag.put(dagCbor.encode(model), { ...o, inputCodec: 'dag-cbor', storeCodec: 'dag-json' })).toString(),
  jsonExpected: await cidOf(dagJson, dagJson.encode(model)),
  get: digest(new Uint8Array(await (await fetch(`${API}/api/v0/dag/get?arg=${await cidOf(dagCbor, dagCbor.encode(model))}`,
    { method: 'POST', signal: o.signal })).arrayBuffer())),
  getExpected: digest(dagJson.encode(model)),
  getPath: new TextDecoder().decode(await (await fetch(
    `${API}/api/v0/dag/get?arg=${await cidOf(dagCbor, dagCbor.encode(model))}/link/Links/0/Name`,
    { method: 'POST', signal: o.signal })).arrayBuffer())
}))

await call('swarm.connect', (o) => client.swarm.connect(multiaddr(PEER), o))
await call('swarm.peers', (o) => client.swarm.peers(o))
await call('swarm.localAddrs', (o) => client.swarm.localAddrs(o))
await call('swarm.addrs', (o) => client.swarm.addrs(o))

await call('repo.gc', (o) => collect(client.repo.gc(o)))
await call('block.statAfterGc', (o) => client.block.stat(garbage.cid, { ...o, offline: true }))
await call('repo.stat', (o) => client.repo.stat(o))
await call('bitswap.stat', (o) => client.bitswap.stat(o))
await call('bitswap.wantlist', (o) => client.bitswap.wantlist(o))

await call('routing.provide', (o) => collect(client.routing.provide(file.cid, o)))
await call('routing.findProvs', (o) => collect(client.routing.findProvs(CID.parse(FIND), { ...o, numProviders: 1 })))

await call('pubsub.subscribeAndPublish', async (o) => {
  const received = new Promise((resolve) => {
    client.pubsub.subscribe(TOPIC, (message) => resolve(message), { signal: o.signal })
  })
  // subscribe() returns before the daemon holds the subscription: wait (at most 10 s) until ls lists the topic
  await call('pubsub.ls', async (p) => {
    for (let i = 0; i < 100; i++) {
      const topics = await client.pubsub.ls(p)
      if (topics.includes(TOPIC)) return topics
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return client.pubsub.ls(p)
  })
  const data = new TextEncoder().encode('hello from kubo-rpc-client')
  await call('pubsub.publish', (p) => client.pubsub.publish(TOPIC, data, p))
  const message = await received
  await client.pubsub.unsubscribe(TOPIC)
  return { from: message.from, topic: message.topic, data: new TextDecoder().decode(message.data), sequenceNumber: message.sequenceNumber }
})
await call('pubsub.peers', (o) => client.pubsub.peers(TOPIC, o))
