package dev.switchboard.client;

import dev.switchboard.Hub;
import dev.switchboard.HubException;
import dev.switchboard.HubFilter;
import dev.switchboard.HubInvocationContext;
import dev.switchboard.HubMethod;

/** The hub {@code test/integration/filters.test.mjs} calls; {@link Guard} is registered for it alone. */
public class FilterTestHub extends Hub {

    @HubMethod
    public String echo(String text) {
        return text;
    }

    @HubMethod
    public String secret() {
        return "the secret";
    }

    /** Refuses {@code secret}, and blank text for any method, before the hub method runs. */
    public static class Guard implements HubFilter {
        @Override
        public Object invokeMethod(HubInvocationContext context, InvocationNext next) throws Exception {
            if (context.hubMethodName().equals("secret")) {
                throw new HubException("Access to secret denied");
            }
            if (context.arguments().stream().anyMatch(argument -> argument instanceof String text && text.isBlank())) {
                throw new HubException(context.hubMethodName() + " needs a text that is not blank");
            }
            return next.invoke(context);
        }
    }
}
