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
