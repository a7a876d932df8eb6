package dev.rota.calendar.service;

import dev.rota.calendar.SafeHttpClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one outbound HTTP client of calendar traffic. */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    /** {@code rota.calendar.allow-private-networks} ({@code ROTA_CALENDAR_ALLOW_PRIVATE_NETWORKS}) lifts the address rule. */
    @Bean(destroyMethod = "close")
    SafeHttpClient calendarHttpClient(@Value("${rota.calendar.allow-private-networks:false}") boolean allowPrivate) {
        return SafeHttpClient.create(SafeHttpClient.Settings.defaults().withAllowPrivateNetworks(allowPrivate));
    }
}
