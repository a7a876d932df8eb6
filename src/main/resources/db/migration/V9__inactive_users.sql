-- The queue worker's sweep looks for open conversations still held by deactivated users (a node that went down
-- before handing them on): few users are inactive, so it starts from them.
create index app_user_inactive on app_user (account_id, id) where not active;
