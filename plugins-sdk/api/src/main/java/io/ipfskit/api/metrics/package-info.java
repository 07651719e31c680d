/**
 * The node's metrics as one optional service: bundles take {@link io.ipfskit.api.metrics.Metrics} as an optional,
 * dynamic reference and register their meters while it is there (scraped as Prometheus text on the API listener).
 */
@Export
@Version("1.0.0")
package io.ipfskit.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
