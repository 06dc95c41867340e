package dev.switchboard.internal.host;

import java.nio.file.Files;
import java.nio.file.Path;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.StaticHttpHandler;

/** The handlers that serve a server's files at {@code /}. */
public final class StaticContent {

    private StaticContent() {
    }

    /** {@return a handler for a class path folder, read through the caller's context class loader} */
    public static HttpHandler classpath(String classpathFolder) {
        String folder = classpathFolder.replaceAll("^/+|/+$", "");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new CLStaticHttpHandler(loader != null ? loader : StaticContent.class.getClassLoader(),
                "/" + folder + "/");
    }

    /**
     * {@return a handler for a directory}
     *
     * @throws IllegalArgumentException when it is not a directory
     */
    public static HttpHandler directory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("Not a directory: " + directory);
        }
        return new StaticHttpHandler(directory.toAbsolutePath().toString());
    }
}
