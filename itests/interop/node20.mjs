// Node 20 lacks Promise.withResolvers (Node 22), which newer transitive dependencies of libp2p 2.8 call at run time.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function () {
    let resolve, reject
    const promise = new this((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
  }
}
