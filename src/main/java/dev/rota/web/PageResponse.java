package dev.rota.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code page} counts from 0. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** The same page with each item turned into what the API shows of it. */
    public <R> PageResponse<R> map(Function<? super T, ? extends R> f) {
        return new PageResponse<>(items.stream().<R>map(f).toList(), page, size, total);
    }
}
