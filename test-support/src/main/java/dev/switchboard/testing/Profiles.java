package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chromium profiles in temporary folders, one per browser, so that browsers share nothing. */
final class Profiles {

    private static final Logger log = LoggerFactory.getLogger(Profiles.class);

    private Profiles() {
    }

    static Path create() {
        try {
            return Files.createTempDirectory("switchboard-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Chromium profile folder", e);
        }
    }

    /** A folder inside {@code profile} for the browser's temporary files, created if need be. */
    static Path temporaryFolder(Path profile) {
        try {
            return Files.createDirectories(profile.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder in " + profile, e);
        }
    }

    /** Deletes {@code profile} and everything in it; a failure is logged, not thrown, as it fails no test. */
    static void delete(Path profile) {
        try {
            Files.walkFileTree(profile, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException error) throws IOException {
                    if (error != null) {
                        throw error;
                    }
                    Files.delete(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete the Chromium profile {}: {}", profile, e.toString());
        }
    }
}
