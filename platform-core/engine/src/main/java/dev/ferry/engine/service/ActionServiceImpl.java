package dev.ferry.engine.service;

import dev.ferry.engine.activity.Activity;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.json.RecordJson;
import dev.ferry.platform.api.ActionQuery;
import dev.ferry.platform.api.ActionService;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.NotFoundException;
import dev.ferry.platform.api.QueuedAction;
import dev.ferry.store.ActionEntity;
import dev.ferry.store.ActionQueries;
import dev.ferry.store.RegistrationEntity;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

@Component(service = ActionService.class)
public class ActionServiceImpl implements ActionService {

    static final int MAX_LIMIT = 1000;
    private static final List<String> STATUSES = List.of("failed", "retry", "dead", "pending");
    /** What can be put back: everything that is not in the queue already. */
    private static final List<String> RETRIABLE = List.of(ActionEntity.FAILED, ActionEntity.RETRY, ActionEntity.DEAD);

    @Reference
    private Store store;
    @Reference
    private ActivityRecorder activity;

    @Override
    public List<QueuedAction> list(String registration, ActionQuery q) {
        if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
            throw new InvalidInputException("limit", q.limit() + " is not between 1 and " + MAX_LIMIT);
        }
        String status = status(q.status());
        return store.inTransaction(em -> {
            registration(em, registration);
            return ActionQueries.list(em, registration, q.service(), status, q.limit()).stream().map(ActionServiceImpl::view)
                    .collect(Collectors.toList());
        });
    }

    @Override
    public int retry(String registration, List<Long> ids, ActionQuery filter, String actor) {
        String status = status(filter.status());
        if (status != null && !RETRIABLE.contains(status)) {
            throw new InvalidInputException("status", "'" + filter.status() + "' actions are queued already; failed, retry"
                    + " or dead ones can be put back");
        }
        List<String> statuses = status == null ? RETRIABLE : List.of(status);
        RegistrationEntity[] reg = new RegistrationEntity[1];
        int n = store.inTransaction(em -> {
            reg[0] = registration(em, registration);
            if (!ids.isEmpty()) {
                List<Long> unknown = ActionQueries.unknown(em, registration, ids);
                if (!unknown.isEmpty()) {
                    throw new NotFoundException("action", unknown.stream().map(String::valueOf).collect(Collectors.joining(", ")));
                }
            }
            return ActionQueries.putBack(em, registration, ids, filter.service(), statuses);
        });
        if (n > 0) {
            String what = ids.isEmpty() ? "every " + String.join("/", statuses).toLowerCase(Locale.ROOT) + " action"
                    + (filter.service() == null ? "" : " of service " + filter.service()) : "actions " + ids;
            activity.record(new Activity("actions.retried", actor, reg[0].productId, reg[0].workspace, registration,
                    n + " action(s) put back in the queue (" + what + ")", null,
                    RecordJson.write(Map.of("actions", n, "ids", ids))));
        }
        return n;
    }

    private static RegistrationEntity registration(javax.persistence.EntityManager em, String id) {
        RegistrationEntity r = em.find(RegistrationEntity.class, id);
        if (r == null) {
            throw new NotFoundException("registration", id);
        }
        return r;
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String s = status.trim().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(s)) {
            throw new InvalidInputException("status", "'" + status + "' is not one of " + STATUSES);
        }
        return s.toUpperCase(Locale.ROOT);
    }

    private static QueuedAction view(ActionEntity a) {
        Map<String, Object> values;
        try {
            values = RecordJson.read(a.payload);
        } catch (IllegalStateException e) {
            values = Map.of(); // a payload cut at the store's limit
        }
        return new QueuedAction(a.id, a.registrationId, a.serviceId, a.operation.toLowerCase(Locale.ROOT), a.recordKey,
                a.status.toLowerCase(Locale.ROOT), a.attempts, a.errorCode, a.errors, a.origin, a.runId, a.createdAt,
                a.finishedAt, a.notBefore, values);
    }
}
