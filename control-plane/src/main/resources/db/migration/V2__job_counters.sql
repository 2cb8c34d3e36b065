-- The last sequence number each of a job's logs has used. Appending reads and bumps these under
-- a row lock instead of taking max() over the job's rows, which H2 computes by scanning them
-- all; a row of its own keeps appends from contending with updates of the job's record.
create table perstack_job_counters (
    job_id             varchar(255) not null primary key references perstack_jobs (id),
    last_event         bigint       not null,
    last_message       bigint       not null,
    last_checkpoint    bigint       not null
);

insert into perstack_job_counters (job_id, last_event, last_message, last_checkpoint)
select j.id,
       coalesce((select max(e.seq) from perstack_events e where e.job_id = j.id), 0),
       coalesce((select max(m.seq) from perstack_messages m where m.job_id = j.id), 0),
       coalesce((select max(c.ordinal) from perstack_checkpoints c where c.job_id = j.id), 0)
from perstack_jobs j;
