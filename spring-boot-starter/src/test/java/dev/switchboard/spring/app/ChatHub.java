package dev.switchboard.spring.app;

import dev.switchboard.FromServices;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.HubUser;
import dev.switchboard.spring.MapHub;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Qualifier;

/** A hub open to anyone, given a service by constructor injection. */
@MapHub("/chat")
public class ChatHub extends Hub {

    private final TestApplication.Greeter greeter;

    public ChatHub(TestApplication.Greeter greeter) {
        this.greeter = greeter;
    }

    @HubMethod
    public String greet(String name) {
        return greeter.greet(name);
    }

    /** Beans as parameters: the client sends the name only. */
    @HubMethod
    public String salute(String name, @FromServices TestApplication.Greeter greeter,
                         @Qualifier("formal") TestApplication.Salutation salutation) {
        return salutation.text() + "; " + greeter.greet(name);
    }

    /** A prototype bean, an implicit service: a new one for every call. */
    @HubMethod
    public int callNumber(TestApplication.CallNumber number) {
        return number.value();
    }

    @HubMethod
    public String transport() {
        return context().transport().name();
    }

    @HubMethod
    public void send(String text) {
        clients().all().send("message", text);
    }

    @HubMethod
    public String whoAmI() {
        HubUser user = context().user();
        return user == null ? "anonymous" : user.userId() + " " + new TreeSet<>(user.roles());
    }

    @HubMethod
    public String fail() {
        throw new IllegalStateException("boom");
    }
}
