-- The availability-management table pages users by name within an account.
create index app_user_account_name on app_user (account_id, lower(name), id);
-- Who reaches an inbox through a team: looked up from the team side.
create index inbox_member_team_team on inbox_member_team (account_id, team_id);
