package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH micro-benchmarks with the GC profiler, for the time and the bytes allocated per operation: those
 * on the public API in {@code dev.switchboard.bench.jmh}, and those of the internals in hub-server's test-jar,
 * {@code dev.switchboard.internal.bench}, chosen by name so that bench sees no internal class. A smoke run gives
 * each a single short iteration: it only shows they still run.
 */
final class Micro {

    /** Both packages of benchmarks, as JMH matches the fully qualified benchmark names. */
    private static final String BENCHMARKS = "dev\\.switchboard\\.(bench\\.jmh|internal\\.bench)\\..*";

    private Micro() {
    }

    /** One benchmark with one set of parameters. */
    record Row(String benchmark, String params, double nanos, double error, double bytes) {
    }

    static List<Row> run(boolean smoke) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(BENCHMARKS)
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT);
        if (smoke) {
            options.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        }
        List<Row> rows = new ArrayList<>();
        for (RunResult result : new Runner(options.build()).run()) {
            String name = result.getParams().getBenchmark();
            List<String> params = new ArrayList<>();
            for (String key : result.getParams().getParamsKeys()) {
                params.add(key + "=" + result.getParams().getParam(key));
            }
            Result<?> primary = result.getPrimaryResult();
            Map<String, Result> secondary = result.getSecondaryResults();
            Result<?> allocated = secondary.get("gc.alloc.rate.norm");
            rows.add(new Row(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    String.join(", ", params), primary.getScore(), primary.getScoreError(),
                    allocated == null ? Double.NaN : allocated.getScore()));
        }
        return rows;
    }
}
