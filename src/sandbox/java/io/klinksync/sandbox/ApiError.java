package io.klinksync.sandbox;

/** An error answer: status and a message for the documented body {type, message, documentation_url}. */
final class ApiError extends RuntimeException {

    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError unprocessable(String message) {
        return new ApiError(422, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }
}
