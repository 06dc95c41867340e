/**
 * The JMH micro-benchmarks written on the public API and SPI: fanning one broadcast out to many connections
 * through the in-memory lifetime manager. Those of the internals (parsing, writing, dispatch through a
 * connection) are hub-server's test sources, {@code dev.switchboard.internal.bench}, which reach
 * {@code bench.jar} through hub-server's test-jar; JMH lists and runs both sets from it.
 *
 * <p>Run them from the shaded jar, all or by regular expression:
 * <pre>{@code
 * mvn -q -DskipTests package -pl bench -am
 * java -cp bench/target/bench.jar org.openjdk.jmh.Main -prof gc
 * java -cp bench/target/bench.jar org.openjdk.jmh.Main 'BroadcastBenchmark' -prof gc
 * }</pre>
 * Warm-up, measurement and fork defaults are on each class; command-line options override them.
 */
package dev.switchboard.bench.jmh;
