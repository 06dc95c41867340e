package dev.switchboard.spring;

import dev.switchboard.Backplane;
import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import dev.switchboard.spi.HubContexts;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link MapHub} beans and registers, for each, a {@code HubContext<H>} bean of that generic type, so
 * that {@code HubContext<ChatHub>} can be injected into any bean; made with {@link HubContexts#create} and the
 * application's {@link Backplane} bean, if it has one. Registered by {@link SwitchboardAutoConfiguration}.
 */
public final class HubContextRegistrar implements BeanDefinitionRegistryPostProcessor {

    /** Each mapped hub by path, in the order found; filled while bean definitions are post-processed. */
    private final Map<String, Class<? extends Hub>> hubs = new LinkedHashMap<>();

    /** Made by the auto-configuration, as a static bean. */
    public HubContextRegistrar() {
    }

    /** {@return each {@link MapHub} hub by its path, in the order the bean definitions were found} */
    public Map<String, Class<? extends Hub>> hubs() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(hubs));
    }

    /** {@return the bean name of the context of {@code hubType}} */
    static String contextBeanName(Class<?> hubType) {
        return "switchboardHubContext:" + hubType.getName();
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        ClassLoader loader = registry instanceof ConfigurableListableBeanFactory factory
                ? factory.getBeanClassLoader() : ClassUtils.getDefaultClassLoader();
        for (String name : registry.getBeanDefinitionNames()) {
            Class<? extends Hub> hubType = mappedHub(registry.getBeanDefinition(name), loader);
            if (hubType == null) {
                continue;
            }
            String path = AnnotatedElementUtils.findMergedAnnotation(hubType, MapHub.class).path();
            if (!path.startsWith("/")) {
                throw new IllegalStateException("@MapHub on " + hubType.getName() + " needs a path starting with /,"
                        + " such as @MapHub(\"/chat\"), not '" + path + "'");
            }
            Class<? extends Hub> previous = hubs.putIfAbsent(path, hubType);
            if (previous != null && previous != hubType) {
                throw new IllegalStateException("Two hubs are mapped at " + path + ": " + previous.getName()
                        + " and " + hubType.getName());
            }
            String contextName = contextBeanName(hubType);
            if (!registry.containsBeanDefinition(contextName)) {
                registry.registerBeanDefinition(contextName, contextDefinition(hubType, (BeanFactory) registry));
            }
        }
    }

    private static <H extends Hub> RootBeanDefinition contextDefinition(Class<H> hubType, BeanFactory beans) {
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setBeanClass(HubContext.class);
        definition.setTargetType(ResolvableType.forClassWithGenerics(HubContext.class, hubType));
        definition.setInstanceSupplier(() ->
                HubContexts.create(hubType, beans.getBeanProvider(Backplane.class).getIfAvailable()));
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        return definition;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Hub> mappedHub(BeanDefinition definition, ClassLoader loader) {
        String className;
        if (definition instanceof AnnotatedBeanDefinition annotated && annotated.getFactoryMethodMetadata() == null) {
            if (!annotated.getMetadata().hasAnnotation(MapHub.class.getName())) {
                return null;
            }
            className = annotated.getMetadata().getClassName();
        } else {
            className = definition.getBeanClassName();
            if (className == null || definition.getFactoryMethodName() != null) {
                return null;
            }
        }
        Class<?> type;
        try {
            type = ClassUtils.forName(className, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (!AnnotatedElementUtils.hasAnnotation(type, MapHub.class)) {
            return null;
        }
        if (!Hub.class.isAssignableFrom(type)) {
            throw new IllegalStateException("@MapHub is on " + type.getName() + ", which does not extend "
                    + Hub.class.getName());
        }
        return (Class<? extends Hub>) type;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        // Everything is registered in postProcessBeanDefinitionRegistry.
    }
}
