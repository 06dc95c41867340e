package dev.switchboard.bench.server;

import com.google.inject.Guice;
import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.redis.RedisBackplane;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The Switchboard server under test: {@link BenchHub} at {@code /chat} on a port of its own, with default
 * options; {@code BenchServer <port> [redis://HOST:PORT]}, where a Redis URI puts the hub on a
 * {@link RedisBackplane} shared with the other servers given the same. The system property
 * {@code switchboard.bench.parallel} sets {@code maximumParallelInvocationsPerClient} (1). It prints {@code ready <port>}, then
 * answers {@code heap} on standard input with the heap in use after a full collection, and stops when
 * standard input ends.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws IOException {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        RedisBackplane backplane = args.length > 1 ? RedisBackplane.connect(args[1]) : null;
        HubServer.Builder builder = HubServer.builder()
                .host("127.0.0.1")
                .port(port)
                .hub("/chat", BenchHub.class)
                .options(HubOptions.defaults().withMaximumParallelInvocationsPerClient(
                        Integer.getInteger("switchboard.bench.parallel", 1)))
                .injector(Guice.createInjector(new SwitchboardModule(backplane, BenchHub.class)));
        if (backplane != null) {
            builder.backplane(backplane);
        }
        HubServer server = builder.build().start();
        System.out.println("ready " + server.port());
        System.out.flush();
        answerCommands();
        server.close();
        if (backplane != null) {
            backplane.close();
        }
    }

    /** Answers {@code heap} on standard input until it ends: the heap in use after a full collection. */
    static void answerCommands() throws IOException {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.equals("heap")) {
                System.gc();
                System.out.println("heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            } else {
                System.out.println("error unknown command " + command);
            }
            System.out.flush();
        }
    }
}
