package dev.meektracker.consumers.notify;

/** A failed delivery; its message never contains the sink's URL or credentials. */
public final class DeliveryException extends Exception {

    private final boolean permanent;

    public DeliveryException(String message, boolean permanent) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    /** True when retrying cannot help: the receiver answered 4xx (other than 408 and 429) to this very alert. */
    public boolean permanent() {
        return permanent;
    }
}
