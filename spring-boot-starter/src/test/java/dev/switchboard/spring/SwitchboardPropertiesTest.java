package dev.switchboard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.HubOptions;
import dev.switchboard.ServerLimits;
import dev.switchboard.Transport;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The {@code switchboard.*} properties: their defaults, their binding and the metadata IDEs complete them from. */
class SwitchboardPropertiesTest {

    @Test
    void theDefaultsAreTheServersDefaults() {
        SwitchboardProperties properties = new SwitchboardProperties();
        assertEquals(HubOptions.defaults(), properties.getHub().toHubOptions());
        assertEquals(ServerLimits.defaults(), properties.getLimits().toServerLimits());
        assertEquals(Duration.ofSeconds(30), properties.getShutdownTimeout());
    }

    @Test
    void propertiesBindWithSpringsRelaxedNamesDurationsAndSizes() {
        Map<String, String> source = new HashMap<>();
        source.put("switchboard.hub.keep-alive-interval", "5s");
        source.put("switchboard.hub.maximum-receive-message-size", "64KB");
        source.put("switchboard.hub.transports", "web-sockets,long-polling");
        source.put("switchboard.hub.disable-implicit-from-services-parameters", "true");
        source.put("switchboard.limits.negotiates-per-second-per-address", "10");
        source.put("switchboard.limits.negotiate-burst-per-address", "20");
        source.put("switchboard.allowed-origins", "https://app.example.com");
        source.put("switchboard.hub.maximum-parallel-invocations-per-client", "4");
        SwitchboardProperties properties = new Binder(new MapConfigurationPropertySource(source))
                .bind("switchboard", SwitchboardProperties.class).get();
        HubOptions options = properties.getHub().toHubOptions();
        assertEquals(Duration.ofSeconds(5), options.keepAliveInterval());
        assertEquals(64 * 1024, options.maximumReceiveMessageSize());
        assertEquals(EnumSet.of(Transport.WEB_SOCKETS, Transport.LONG_POLLING), options.transports());
        assertTrue(options.disableImplicitFromServicesParameters());
        assertEquals(4, options.maximumParallelInvocationsPerClient());
        ServerLimits limits = properties.getLimits().toServerLimits();
        assertEquals(10, limits.negotiatesPerSecondPerAddress());
        assertEquals(20, limits.negotiateBurstPerAddress());
        assertEquals(java.util.List.of("https://app.example.com"), properties.getAllowedOrigins());
    }

    @Test
    void theMetadataDescribesEveryPropertyAndEveryHubOption() throws Exception {
        // The starter's own file, from its classes or, when another module runs these tests, its jar.
        String starter = SwitchboardProperties.class.getProtectionDomain().getCodeSource().getLocation().toString();
        URL file = Collections.list(SwitchboardProperties.class.getClassLoader()
                        .getResources("META-INF/spring-configuration-metadata.json")).stream()
                .filter(url -> url.toString().contains(starter)).findFirst().orElseThrow();
        JsonNode metadata = new ObjectMapper().readTree(file);
        Map<String, JsonNode> properties = new HashMap<>();
        for (JsonNode property : metadata.get("properties")) {
            properties.put(property.get("name").asText(), property);
            assertTrue(property.hasNonNull("description") && !property.get("description").asText().isBlank(),
                    property.get("name") + " has no description");
        }
        for (RecordComponent component : HubOptions.class.getRecordComponents()) {
            String name = "switchboard.hub." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
            assertTrue(properties.containsKey(name), name + " is missing");
        }
        for (String name : new String[] {"switchboard.enabled", "switchboard.shutdown-timeout",
                "switchboard.hub-threads", "switchboard.max-connections", "switchboard.allowed-origins",
                "switchboard.access-token-cookie", "switchboard.limits.negotiate-hold-timeout",
                "switchboard.limits.negotiates-per-second-per-address", "switchboard.limits.negotiate-burst-per-address"}) {
            assertTrue(properties.containsKey(name), name + " is missing");
        }
        assertEquals("30s", properties.get("switchboard.shutdown-timeout").get("defaultValue").asText());
        assertFalse(properties.get("switchboard.hub.enable-detailed-errors").get("defaultValue").asBoolean());
    }
}
