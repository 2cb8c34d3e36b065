package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.store.entity.JobEntity;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/** Job lists: newest first, optionally by state and expert; the indexes follow this order. */
final class JobQueries {
  private JobQueries() {}

  static List<JobRecord> list(Session session, JobQuery query) {
    StringBuilder hql = new StringBuilder("from JobEntity j where 1 = 1");
    query.state().ifPresent(state -> hql.append(" and j.state = :state"));
    query.expertKey().ifPresent(key -> hql.append(" and j.expertKey = :expert"));
    hql.append(" order by j.createdAt desc, j.id desc");
    SelectionQuery<JobEntity> select =
        session.createSelectionQuery(hql.toString(), JobEntity.class);
    query.state().ifPresent(state -> select.setParameter("state", state.wireName()));
    query.expertKey().ifPresent(key -> select.setParameter("expert", key));
    return select
        .setFirstResult(query.offset())
        .setMaxResults(query.limit())
        .getResultList()
        .stream()
        .map(JobEntity::toRecord)
        .toList();
  }
}
