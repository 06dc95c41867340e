package dev.switchboard.servlet.internal;

import dev.switchboard.spi.host.HubHost;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Matches hub paths ignoring case, as ASP.NET Core's routing does, where the container's servlet mappings match
 * exactly: a request to {@code /Chat} or {@code /CHAT/negotiate} for a hub at {@code /chat} goes to the hubs'
 * servlet, which matches hub paths ignoring case itself. Every other request goes on as it came.
 */
public final class HubPathCase implements Filter {

    private static final String TOMCAT_ASYNC_SUPPORTED = "org.apache.catalina.ASYNC_SUPPORTED";

    private final HubHost host;
    private final HostServlet servlet;

    /**
     * @param host the hubs
     * @param servlet the servlet mapped at their paths
     */
    public HubPathCase(HubHost host, HostServlet servlet) {
        this.host = host;
        this.servlet = servlet;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
            String path = Requests.path(http);
            String hubPath = host.hubRequestPath(path);
            if (hubPath != null && !hubPath.equals(path)) {
                if (!http.isAsyncSupported()) {
                    // The container matched another servlet, whose asynchronous support it applies: Tomcat's
                    // default servlet has none. Tomcat takes this attribute as the switch; others ignore it.
                    http.setAttribute(TOMCAT_ASYNC_SUPPORTED, Boolean.TRUE);
                }
                servlet.service(http, httpResponse);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
