/** Publish/subscribe: topics, subscriptions, publishing and topic validators (GossipSub, floodsub). */
@Export
@Version("1.0.0")
package io.ipfskit.api.pubsub;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
