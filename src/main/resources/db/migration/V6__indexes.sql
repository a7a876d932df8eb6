-- The availability-management table pages users by name within an account.
create index app_user_account_name on app_user (account_id, lower(name), id);
