-- The control plane that runs (or last ran) each job: the name of its owner lease, held as a lock
-- file in its home (dev.perstack.controlplane.orchestration.OwnerLease). A starting control plane
-- ends only the running jobs of owners that are gone; jobs stored before this column have none.
alter table perstack_jobs add column owner varchar(255);
