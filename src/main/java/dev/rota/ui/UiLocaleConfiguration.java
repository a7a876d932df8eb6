package dev.rota.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** English or Dutch: from the browser's Accept-Language, switched with {@code ?lang=}, kept in a cookie. */
@Configuration(proxyBeanMethods = false)
class UiLocaleConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"));

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new SupportedLocales("rota-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> supported(request.getLocales().asIterator()));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).excludePathPatterns("/api/**");
    }

    /**
     * The first of the browser's languages we have, else English. Its region is kept: the messages are per
     * language, but dates and times follow it (en-GB reads "7 Dec 2026, 09:00", en-US "Dec 7, 2026, 9:00 AM").
     */
    static Locale supported(java.util.Iterator<Locale> wanted) {
        while (wanted.hasNext()) {
            Locale w = wanted.next();
            for (Locale s : SUPPORTED) {
                if (s.getLanguage().equals(w.getLanguage())) {
                    return w.getCountry().isEmpty() ? s : new Locale(s.getLanguage(), w.getCountry());
                }
            }
        }
        return Locale.ENGLISH;
    }

    /** Only stores languages the UI has, so {@code ?lang=xx} cannot leave a half-translated page. */
    private static final class SupportedLocales extends CookieLocaleResolver {

        SupportedLocales(String cookieName) {
            super(cookieName);
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            super.setLocale(request, response, locale == null ? null : supported(List.of(locale).iterator()));
        }
    }
}
