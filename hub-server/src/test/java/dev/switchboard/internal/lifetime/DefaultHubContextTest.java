package dev.switchboard.internal.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.Backplane;
import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.internal.clients.ClientInterfaces;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.spi.DefaultHubLifetimeManager;
import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.spi.LifetimeManagerSettings;
import dev.switchboard.spi.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A hub's lifetime manager is made once, complete, by whichever comes first: its first server or a use. */
class DefaultHubContextTest {

    private static final HubOptions OPTIONS = HubOptions.defaults().withClientResultTimeout(Duration.ofSeconds(7));

    private final RecordingBackplane backplane = new RecordingBackplane();
    private final DefaultHubContext<TestHub> context = new DefaultHubContext<>(TestHub.class, backplane);

    @Test
    void theFirstServerMakesTheManagerWithItsSettingsAndLaterServersShareIt() {
        Serialization serialization = Serialization.defaults();
        HubLifetimeManager first = context.attachServer(serialization, OPTIONS, interfaces());
        HubLifetimeManager second = context.attachServer(Serialization.defaults(), HubOptions.defaults(),
                interfaces());
        assertSame(first, second);
        assertSame(first, context.lifetimeManager());
        assertEquals(List.of(new LifetimeManagerSettings(TestHub.class, serialization, OPTIONS)), backplane.made);
    }

    @Test
    void usedBeforeAnyServerTheContextMakesTheManagerWithTheDefaultsAndTheServerKeepsIt() {
        context.clients().all().send("early");
        HubLifetimeManager early = context.lifetimeManager();
        assertSame(early, context.attachServer(Serialization.defaults(), OPTIONS, interfaces()));
        assertEquals(1, backplane.made.size());
        assertEquals(TestHub.class, backplane.made.get(0).hub());
        assertEquals(HubOptions.defaults(), backplane.made.get(0).options());
    }

    @Test
    void aServerGivesTheBackplaneItsMapperAndTheHubsOptions() {
        ObjectMapper mapper = JsonMappers.signalR();
        Injector injector = Guice.createInjector(new SwitchboardModule(backplane, TestHub.class));
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class, OPTIONS).injector(injector)
                .objectMapper(mapper).backplane(backplane).build()) {
            assertEquals(1, backplane.made.size());
            LifetimeManagerSettings settings = backplane.made.get(0);
            assertEquals(TestHub.class, settings.hub());
            assertEquals(OPTIONS, settings.options());
            assertSame(mapper, settings.serialization().mapper());
            DefaultHubContext<?> bound = (DefaultHubContext<?>) injector.getInstance(
                    SwitchboardModule.contextKey(TestHub.class));
            assertSame(backplane.managers.get(0), bound.lifetimeManager());
        }
    }

    private static ClientInterfaces interfaces() {
        return ClientInterfaces.of(TestHub.class, JsonMappers.signalR());
    }

    /** Makes in-memory managers and records what each was made with. */
    private static final class RecordingBackplane implements Backplane {

        final List<LifetimeManagerSettings> made = new CopyOnWriteArrayList<>();
        final List<HubLifetimeManager> managers = new CopyOnWriteArrayList<>();

        @Override
        public HubLifetimeManager lifetimeManager(LifetimeManagerSettings settings) {
            HubLifetimeManager manager = new DefaultHubLifetimeManager();
            made.add(settings);
            managers.add(manager);
            return manager;
        }
    }
}
