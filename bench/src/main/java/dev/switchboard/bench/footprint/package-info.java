/**
 * {@code bench/footprint}: a sample jar's memory (RSS, heap) and CPU with thousands of WebSocket clients,
 * under one JVM flag set or several, through the benchmark's load generator. Run as
 * {@code java -cp bench.jar dev.switchboard.bench.footprint.Footprint}.
 */
package dev.switchboard.bench.footprint;
