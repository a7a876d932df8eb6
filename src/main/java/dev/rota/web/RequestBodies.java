package dev.rota.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the API reads request bodies: JSON only, each field once, and at most {@link #MAX_BYTES} of it — refused
 * before the rest is read, also from anonymous callers (sign-in, sign-up), so nobody makes the service buffer
 * and parse megabytes for a few fields.
 */
@Configuration(proxyBeanMethods = false)
public class RequestBodies implements WebMvcConfigurer {

    /** Every body of the API is a few kilobytes of JSON; the largest (a week of hours, a rule) far less than this. */
    public static final int MAX_BYTES = 1 << 20;

    /** The error a body past {@link #MAX_BYTES} gets (400 naming {@code body}, as every unreadable body). */
    public static InvalidInputException tooLarge() {
        return new InvalidInputException("body", "at most " + MAX_BYTES + " bytes");
    }

    /**
     * What a parser's complaint says to a client: "malformed JSON: " and its first line, without the parser's own
     * advice (its feature flags, its class names, where it read from).
     */
    public static String malformed(tools.jackson.core.JacksonException e) {
        String text = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().split("\n")[0];
        for (String cut : new String[] {": enable", "; enable", " (for ", "`tools.jackson", " [Source", "(StreamReadConstraints", ", from `"}) {
            int at = text.indexOf(cut);
            if (at > 0) {
                text = text.substring(0, at);
            }
        }
        text = text.strip();
        if (text.chars().filter(c -> c == '(').count() > text.chars().filter(c -> c == ')').count()) {
            text += ")"; // a parenthesis the cut left open
        }
        return text.isEmpty() ? "malformed JSON" : "malformed JSON: " + text;
    }

    /** {@code in}, failing with {@link #tooLarge()} as soon as more than {@link #MAX_BYTES} come from it. */
    public static InputStream bounded(InputStream in) {
        return new java.io.FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > MAX_BYTES) {
                    throw tooLarge();
                }
            }
        };
    }

    /**
     * JSON only: springdoc brings Jackson 2's YAML module, and Spring then offers a YAML converter that cannot read
     * the Jackson 3 trees the controllers take (a 500 for every {@code application/yaml} body) and answers YAML
     * nobody documented. Without it such a body is {@code 415}, such an {@code Accept} {@code 406}.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(c -> c.getSupportedMediaTypes()
                .stream().anyMatch(t -> t.getSubtype().contains("yaml"))));
    }

    /** A field sent twice is refused: a proxy or audit log reading the first would see another request than ours. */
    @Bean
    JsonMapperBuilderCustomizer strictDuplicates() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    @Bean
    FilterRegistrationBean<BodyLimit> bodyLimit(JsonMapper json) {
        FilterRegistrationBean<BodyLimit> bean = new FilterRegistrationBean<>(new BodyLimit(json));
        bean.addUrlPatterns("/api/*");
        // after the ingest endpoint (HIGHEST_PRECEDENCE + 2), which bounds its own body, and before Spring Security
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return bean;
    }

    /**
     * The problem of a body sent compressed ({@code Content-Encoding} other than identity), which would otherwise
     * read as malformed JSON: {@code 415} naming the header.
     */
    public static java.util.Optional<org.springframework.http.ProblemDetail> encodedBody(HttpServletRequest request) {
        String encoding = request.getHeader("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Problems.problem(org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type", "Unsupported media type",
                "send the body uncompressed (Content-Encoding " + encoding.trim() + " is not read)",
                java.util.List.of(new FieldError("Content-Encoding", "is not read; send the body as is"))));
    }

    /** Refuses a declared length past the limit at once; bounds a body sent without one as it is read. */
    static final class BodyLimit extends OncePerRequestFilter {
        private final JsonMapper json;

        BodyLimit(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var encoded = encodedBody(request);
            if (encoded.isPresent()) {
                Problems.write(json, request, response, encoded.get());
                return;
            }
            if (request.getContentLengthLong() > MAX_BYTES) {
                response.setHeader("Connection", "close"); // the rest of it is not read
                Problems.write(json, request, response, Problems.of(tooLarge()));
                return;
            }
            chain.doFilter(new HttpServletRequestWrapper(request) {
                private ServletInputStream stream;

                @Override
                public ServletInputStream getInputStream() throws IOException {
                    if (stream == null) {
                        ServletInputStream raw = super.getInputStream();
                        InputStream limited = bounded(raw);
                        stream = new ServletInputStream() {
                            @Override
                            public int read() throws IOException {
                                return limited.read();
                            }

                            @Override
                            public int read(byte[] b, int off, int len) throws IOException {
                                return limited.read(b, off, len);
                            }

                            @Override
                            public boolean isFinished() {
                                return raw.isFinished();
                            }

                            @Override
                            public boolean isReady() {
                                return raw.isReady();
                            }

                            @Override
                            public void setReadListener(ReadListener listener) {
                                raw.setReadListener(listener);
                            }
                        };
                    }
                    return stream;
                }

                @Override
                public BufferedReader getReader() throws IOException {
                    String encoding = getCharacterEncoding();
                    Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                    return new BufferedReader(new InputStreamReader(getInputStream(), charset));
                }
            }, response);
        }
    }
}
