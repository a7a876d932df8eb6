package dev.rota.ui;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * No rewriting of links to static resources. With the webjars locator on the classpath Spring Boot
 * installs {@link ResourceUrlEncodingFilter}, which runs every link a page renders through the static
 * resource chain: for the default {@code /**} mapping that is a classpath (jar) lookup per link, uncached
 * when nothing is found, so most of a 25-row table's render time. We use no versioned resource URLs
 * (webjars are requested versionless and resolved when served), so the filter has nothing to add.
 */
@Configuration(proxyBeanMethods = false)
class UiResourceConfiguration {

    /** Registered but disabled, so Boot's own registration (conditional on a missing one) stays out. */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> disabledResourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
