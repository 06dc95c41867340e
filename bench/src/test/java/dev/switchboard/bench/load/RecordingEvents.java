package dev.switchboard.bench.load;

import java.util.ArrayList;
import java.util.List;

/** What a dialect reported, one line per event, in order. */
final class RecordingEvents implements Dialect.Events {

    final List<String> seen = new ArrayList<>();

    @Override
    public void opened() {
        seen.add("opened");
    }

    @Override
    public void completed(int id, String error) {
        seen.add("completed " + id + " " + error);
    }

    @Override
    public void message(long sentNanos) {
        seen.add("message " + sentNanos);
    }

    @Override
    public void reply(String frame) {
        seen.add("reply " + frame);
    }

    @Override
    public void closed(String reason) {
        seen.add("closed " + reason);
    }
}
