-- schema: user
-- ---
select * from user
-- ---
select id, name, email, login from user
-- ---
select * from "user" where id = :id and email = :email
-- ---
select name from user where email = @email
-- ---
select u.name, u.login from user u where u.login like :login
-- ---
select count(*) from user
-- ---
select login, count(*) from user group by login having count(*) > 1
-- ---
select * from user order by name limit 10
-- ---
select id, email from user where (id, email) = (:id, :email)
-- ---
select upper(name) as upper_name from user
-- ---
select name as Name, login as Login from user
-- ---
select ID, NAME from USER
-- ---
select rowid from user
-- ---
insert into user (id, name, email, login) values (:id, :name, :email, :login)
-- ---
insert into user values (:id, :name, :email, :login)
-- ---
insert into user (id, name, email, login) values (:id, :name, :email, :login) on conflict (id, email) do update set name = excluded.name, login = excluded.login
-- ---
insert into user (id, name, email, login) values (:id, :name, :email, :login) on conflict (id) do nothing
-- ---
insert into user (id, name, email, login) values (:id, :name, :email, :login) returning *
-- ---
insert into user (id, name, email) values (1, 'n', 'e')
-- ---
insert into user (name, email, login) values ('n', 'e', 'l')
-- ---
insert into user (id, email, login) values (1, 'e', 'l')
-- ---
insert into user (id, name, email, login, age) values (1, 'n', 'e', 'l', 3)
-- ---
update user set name = :name where id = :id and email = :email
-- ---
update user set login = :login where id = :id returning id, login
-- ---
update user set lgin = :login where id = :id
-- ---
delete from user where id = :id and email = :email
-- ---
delete from user where id = :id returning email
-- ---
select nme from user
-- ---
select * from users
-- ---
select name from user where login = 'a' and
-- ---
select u.* from user u join user v on v.id = u.id
-- ---
select * from user u join user v on v.id = u.id
-- ---
select name from user u join user v on v.id = u.id
-- ---
select u.name, v.name from user u join user v using (id)
-- ---
select id from user u join user v using (id)
-- ---
select login || '@' || email from user
-- ---
select name from user where email in (select email from user where id > :min)
-- ---
select * from user where id between :lo and :hi
-- ---
select coalesce(name, login) from user
-- ---
insert into user (id, name, email, login) select id + 1000, name, email, login from user
-- ---
insert into user default values
-- ---
select * from user where name = :name collate nocase
-- ---
select "user"."name" from "user"
-- ---
select user.name from user
-- ---
select * from user u where u.email like '%@example.com' order by u.id desc limit :n
-- ---
select id, name from user where id in (select id from user where login = :login) order by name
-- ---
select name, row_number() over (order by id) as n from user
-- ---
with u as (select * from user where id > :min) select count(*) from u
-- ---
select u1.email, u2.email from user u1 join user u2 on u1.login = u2.login and u1.id < u2.id
-- ---
select email from user union select login from user
-- ---
select max(id) + 1 as next_id from user
-- ---
select name from user where name = login
-- ---
select name from user where nam = 'x'
-- ---
select name from usr
-- ---
select name, from user
-- ---
update user set name = upper(name), login = lower(login) where email like :domain
-- ---
update user set id = id + 1 where id = :id returning *
-- ---
delete from user where login in (select login from user group by login having count(*) > 1)
-- ---
insert into user (id, name, email, login) values (1, 'a', 'b', 'c'), (2, 'd', 'e', 'f') on conflict do nothing
-- ---
insert into user (id, name, email, login) values (1, 'a', 'b', 'c') on conflict (email, id) do update set login = excluded.login
-- ---
insert into user (id, name, email, login) values (1, 'a', 'b', 'c') on conflict (email) do nothing
-- ---
select count(*) filter (where login is null) from user
-- ---
select * from user where id = :id and email = :email limit 1
-- ---
select typeof(id), typeof(name) from user
-- ---
select json_group_array(json_object('id', id, 'name', name)) from user
