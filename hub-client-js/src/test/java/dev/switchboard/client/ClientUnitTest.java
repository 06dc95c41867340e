package dev.switchboard.client;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's own checks, run by Maven so that the one test command covers them. */
class ClientUnitTest {

    /** They compare ours with the official packages (MessagePack bytes, sizes) and serve sockets with ws. */
    @Test
    void nodeUnitTestsPass() throws Exception {
        Node.npmInstall();
        System.out.println(Node.run(List.of("node", "--test", "--test-reporter=spec", "test/unit/"), Map.of(), 300));
    }

    @Test
    void distMatchesTheSourcesAndTheTypesCheck() throws Exception {
        Node.npmInstall();
        System.out.println(Node.run(List.of("npm", "run", "--silent", "check"), Map.of(), 300));
    }
}
