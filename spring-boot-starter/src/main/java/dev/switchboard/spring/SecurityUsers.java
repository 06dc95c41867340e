package dev.switchboard.spring;

import dev.switchboard.HubUser;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Spring Security's part of {@link PrincipalAuthenticator}, loaded only when Spring Security is present. */
final class SecurityUsers {

    private SecurityUsers() {
    }

    static HubUser user(Principal principal) {
        if (!(principal instanceof Authentication authentication)) {
            return new HubUser(principal.getName(), Set.of(), Map.of());
        }
        if (authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
            return null;
        }
        List<String> authorities = new ArrayList<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            authorities.add(authority.getAuthority());
        }
        return new HubUser(authentication.getName(), PrincipalAuthenticator.roles(authorities),
                Map.of(PrincipalAuthenticator.AUTHORITIES, List.copyOf(authorities)));
    }
}
