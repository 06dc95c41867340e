/**
 * JMH micro-benchmarks of the server's internals: parsing and writing hub messages, and dispatching an
 * invocation through a connection. They are test sources so that only hub-server sees its internals; the
 * test-jar carries them, with JMH's {@code META-INF/BenchmarkList}, into {@code bench.jar}, which runs them
 * beside the benchmarks written on the public API. Each runs the production classes in-process over
 * {@link dev.switchboard.internal.bench.NoOpSender no-op transports}, so the figures are the server's own
 * cost, without sockets or thread hand-offs.
 *
 * <p>Run them from the shaded jar, all or by regular expression:
 * <pre>{@code
 * mvn -q -DskipTests package -pl bench -am
 * java -cp bench/target/bench.jar org.openjdk.jmh.Main 'dev.switchboard.internal.bench' -prof gc
 * }</pre>
 * Warm-up, measurement and fork defaults are on each class; command-line options override them.
 */
package dev.switchboard.internal.bench;
