package dev.rota.web;

/** Validated paging parameters; {@code page} counts from 0. */
public record PageRequest(int page, int size) {

    public PageRequest {
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more, was " + page);
        }
        if (size < 1 || size > PageResponse.MAX_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + PageResponse.MAX_SIZE + ", was " + size);
        }
        if ((long) page * size > MAX_OFFSET) {
            throw new InvalidInputException("page", "must be at most " + MAX_OFFSET / size + " with size " + size);
        }
    }

    /** Further than anyone pages; keeps {@code page * size} an int. */
    static final int MAX_OFFSET = 100_000_000;

    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? PageResponse.DEFAULT_SIZE : size);
    }

    public int offset() {
        return page * size;
    }

    public <T> PageResponse<T> respond(java.util.List<T> items, long total) {
        return new PageResponse<>(items, page, size, total);
    }
}
