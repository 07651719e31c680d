/**
 * The node's metrics as one optional service ({@link io.ipfskit.api.metrics.Metrics}, scraped as Prometheus text on the
 * API listener): a bundle offers meters over its own counters as a {@link io.ipfskit.api.metrics.MeterBinder} service,
 * or takes {@code Metrics} as an optional, dynamic reference to count events itself.
 */
@Export
@Version("1.0.0")
package io.ipfskit.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
