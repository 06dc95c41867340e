package dev.switchboard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.signalr.TransportEnum;
import dev.switchboard.redis.StickyServers.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * When a client's server goes away, its route does not die with it: the client starts again through the same
 * nginx, with the same cookie or address, lands on the server left, and stays there, long polling included.
 */
class StickyFailoverTest {

    @ParameterizedTest(name = "sticky by {0}")
    @EnumSource(value = Route.class, names = {"COOKIE", "ADDRESS"})
    void aClientWhoseServerStopsStartsAgainOnTheOther(Route by, @TempDir Path folder) throws Exception {
        try (StickyServers servers = StickyServers.start(folder, Files.createDirectories(folder.resolve("site")))) {
            List<StickyClient> started = new ArrayList<>();
            try {
                StickyClient moved = StickyClient.onBothServers(servers.url(by, "/sticky"), TransportEnum.LONG_POLLING,
                        started).get("A");
                servers.stop("A");
                moved.awaitClosed();
                moved.start();
                assertEquals("B", moved.whereAmI());
                moved.send("still here");
                assertEquals("still here", moved.nextMessage());
                assertEquals("B", moved.whereAmI());
            } finally {
                started.forEach(StickyClient::close);
            }
        }
    }
}
