package dev.switchboard.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The server's TLS context, from a PKCS#12 (or JKS) keystore holding its key and certificate. */
public final class Keystores {

    private Keystores() {
    }

    /**
     * @throws IllegalArgumentException when the file is missing, unreadable, or the password is wrong
     */
    public static SSLContext serverContext(Path keystore, char[] password) {
        if (!Files.isReadable(keystore)) {
            throw new IllegalArgumentException("Keystore not found or not readable: " + keystore);
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            // The PKCS12 type also reads JKS files (keystore.type.compat).
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use keystore " + keystore + ": " + e.getMessage(), e);
        }
    }
}
