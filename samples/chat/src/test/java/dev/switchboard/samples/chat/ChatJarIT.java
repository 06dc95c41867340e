package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testing.Loopback;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packaged jar's command line, run as a user runs it. */
class ChatJarIT {

    @Test
    void theUsageTellsOfRedis() throws Exception {
        ChatProcess help = ChatProcess.run(List.of(), "--help");
        assertEquals(0, help.awaitExit());
        assertTrue(help.output().contains("--redis URI"), help.output());
    }

    @Test
    void anUnreachableRedisIsAOneLineErrorAndAFailedExit() throws Exception {
        int closedPort = Loopback.freePort();
        ChatProcess chat = ChatProcess.run(List.of(), "--port", "0", "--redis", "redis://127.0.0.1:" + closedPort);
        assertEquals(1, chat.awaitExit(), chat.output());
        String output = chat.output();
        assertTrue(output.lines().anyMatch(line -> line.startsWith("Error: ") && line.contains("Redis")
                && line.contains(Integer.toString(closedPort))), output);
        assertTrue(output.lines().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception")), output);
    }

    @Test
    void aPortInUseIsAOneLineErrorAndAFailedExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            ChatProcess chat = ChatProcess.run(List.of(), "--port", Integer.toString(port));
            assertEquals(1, chat.awaitExit(), chat.output());
            assertEquals(List.of("Error: Port " + port + " is already in use"), chat.output().lines().toList());
        }
    }
}
