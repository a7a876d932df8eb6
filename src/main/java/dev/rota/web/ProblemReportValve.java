package dev.rota.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Errors Tomcat answers itself, before any servlet (a path with {@code %00} or an encoded {@code /}, a header it
 * refuses, a request line too long): a short problem instead of Tomcat's HTML page, which also named its version.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            String accept = request.getHeader("Accept");
            if (accept != null && accept.contains("text/html")) {
                page(request, response, status);
                return;
            }
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer out = response.getReporter();
            if (out != null) {
                String title = status >= 500 ? "Internal error" : "Invalid request";
                out.write("{\"type\":\"https://rota.dev/problems/" + (status >= 500 ? "internal" : "invalid-request")
                        + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"the request could not be read (its path, a header or its size)\"}");
                out.flush();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the answer was already on its way: nothing more to say
        }
    }

    /**
     * A browser asking for a page gets a page: Spring's localized error page is out of reach here (no servlet ran), so
     * a plain one in English or Dutch, by the browser's first language.
     */
    private static void page(Request request, Response response, int status) throws IOException {
        String language = request.getHeader("Accept-Language");
        boolean dutch = language != null && language.trim().toLowerCase(java.util.Locale.ROOT).startsWith("nl");
        String title = dutch ? "Dit verzoek werd niet begrepen." : "This request could not be understood.";
        String back = dutch ? "Terug naar Postvak IN" : "Back to the inbox";
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        Writer out = response.getReporter();
        if (out != null) {
            out.write("<!DOCTYPE html><html lang=\"" + (dutch ? "nl" : "en") + "\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>" + status + "</title><link rel=\"stylesheet\" href=\"/css/rota.css\"></head><body>"
                    + "<main id=\"main\" class=\"narrow\"><h1>" + title + "</h1><p><a href=\"/inbox\">" + back
                    + "</a></p></main></body></html>");
            out.flush();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /**
         * Unordered, so it runs after Spring Boot's own customizer (order 0), which puts a plain ErrorReportValve on
         * the host: that one is replaced.
         */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
            return new WebServerFactoryCustomizer<>() {
                @Override
                public void customize(TomcatServletWebServerFactory factory) {
                    factory.addContextCustomizers(context -> {
                        if (context.getParent() instanceof StandardHost host) {
                            for (Valve valve : host.getPipeline().getValves()) {
                                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                                    host.getPipeline().removeValve(valve);
                                }
                            }
                            host.setErrorReportValveClass(ProblemReportValve.class.getName());
                            host.getPipeline().addValve(new ProblemReportValve());
                        }
                    });
                }
            };
        }
    }
}
