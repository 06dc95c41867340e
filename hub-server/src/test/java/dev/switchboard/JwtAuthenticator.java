package dev.switchboard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A worked example of an {@link Authenticator}: accepts JSON Web Tokens signed with HMAC-SHA256, checked by
 * Nimbus JOSE+JWT ({@code com.nimbusds:nimbus-jose-jwt}), not by hand. The signature, the algorithm and the
 * expiry are checked ({@code exp} and {@code sub} are required); {@code sub} becomes the user id and the
 * {@code roles} claim, a list of strings, the roles. A request without a token is anonymous; a bad one is refused.
 *
 * <p>Copy it into an application and adapt it: for tokens from an identity provider, build the processor with
 * a {@code JWKSourceBuilder} on the provider's JWKS address and {@code JWSAlgorithm.RS256}, and require the
 * provider's {@code iss} and {@code aud} in the claims verifier.
 *
 * <pre>{@code
 * HubServer.builder()
 *         .authenticator(new JwtAuthenticator(secret))
 *         .hub("/chat", ChatHub.class)
 *         ...
 * }</pre>
 */
public final class JwtAuthenticator implements Authenticator {

    /** The claim holding the user's roles. */
    public static final String ROLES_CLAIM = "roles";

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** @param secret the HMAC key shared with the token issuer: at least 256 bits */
    public JwtAuthenticator(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("An HS256 secret needs at least 256 bits");
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                new ImmutableSecret<>(secret.clone())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("sub", "exp")));
    }

    @Override
    public HubUser authenticate(ConnectionRequest request, String accessToken) throws AuthenticationException {
        if (accessToken == null) {
            return null;
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(accessToken, null);
        } catch (ParseException e) {
            throw new AuthenticationException("The access token is not a JWT.");
        } catch (BadJOSEException e) {
            // Nimbus's messages name what failed ("Expired JWT", "Signed JWT rejected: Invalid signature"), never
            // the token.
            throw new AuthenticationException(e.getMessage());
        } catch (JOSEException e) {
            throw new AuthenticationException("The access token could not be verified.", e);
        }
        try {
            List<String> roles = claims.getStringListClaim(ROLES_CLAIM);
            return new HubUser(claims.getSubject(), roles == null ? Set.of() : new HashSet<>(roles),
                    claims.toJSONObject());
        } catch (ParseException e) {
            throw new AuthenticationException("The roles claim must be a list of strings.");
        }
    }
}
