/**
 * JMH micro-benchmarks of the server's hot paths: parsing and writing hub messages, dispatching an
 * invocation, and fanning one broadcast out to many connections. Each runs the production classes
 * in-process, over {@link dev.switchboard.bench.jmh.NoOpSender no-op transports}, so the figures are the
 * server's own cost, without sockets or thread hand-offs.
 *
 * <p>Run them from the shaded jar, all or by regular expression:
 * <pre>{@code
 * mvn -q -DskipTests package -pl bench -am
 * java -cp bench/target/bench.jar org.openjdk.jmh.Main 'dev.switchboard.bench.jmh' -prof gc
 * }</pre>
 * Warm-up, measurement and fork defaults are on each class; command-line options override them.
 */
package dev.switchboard.bench.jmh;
