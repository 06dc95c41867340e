package dev.switchboard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Signs test tokens as an identity provider would, for {@link JwtAuthenticator}. */
final class Jwts {

    static final byte[] SECRET = "switchboard-test-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_SECRET = "a-different-secret-also-32-bytes-long!!".getBytes(StandardCharsets.UTF_8);

    private Jwts() {
    }

    /** A token for {@code user} with {@code roles}, valid for an hour. */
    static String token(String user, String... roles) {
        return sign(SECRET, user, Duration.ofHours(1), roles);
    }

    /** A token for {@code user} that expired a minute ago. */
    static String expired(String user) {
        return sign(SECRET, user, Duration.ofMinutes(-1));
    }

    /** A token signed with another key than the server's. */
    static String forged(String user, String... roles) {
        return sign(OTHER_SECRET, user, Duration.ofHours(1), roles);
    }

    private static String sign(byte[] secret, String user, Duration lifetime, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user)
                .claim(JwtAuthenticator.ROLES_CLAIM, List.of(roles))
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
