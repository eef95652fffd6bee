/**
 * {@code segment produce}: sends synthetic or imported transactions as {@code CustomerEvent}s to any Kafka
 * cluster, rate-limited, counting what failed.
 */
package io.segmenta.app.produce;
