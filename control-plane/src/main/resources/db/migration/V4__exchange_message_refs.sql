-- A model exchange's request keeps its conversation in the message log, as events do: request is
-- the request's JSON with its "messages" array empty, message_refs says which conversation goes
-- back at which offset ("offset:lastMessageSeq:count"). Rows stored before this column keep their
-- whole request and have no references.
alter table perstack_model_exchanges add column message_refs varchar(2000);
