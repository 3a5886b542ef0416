-- schema: chinook
-- Report-style queries and function edge cases.
-- ---
select 1 as first, Name desc, Name as replace from Artist
-- ---
select Name key from Artist
-- ---
select Name from Artist as left
-- ---
select Name from Artist left
-- ---
select InvoiceDate from Invoice where InvoiceDate > date('now', '-1 year')
-- ---
select * from Artist where ArtistId = :id and :id is not null
-- ---
select Name from Artist where Name like :p escape :e
-- ---
select abs(-1), abs('x'), substr(Name, -3) from Artist
-- ---
insert into Artist (Name) values (:n) on conflict do update set Name = excluded.Name
-- ---
select (select count(*) from Album where ArtistId = a.ArtistId) from Artist a group by a.ArtistId
-- ---
select sum(x) from (select count(*) as x from Track group by AlbumId)
-- ---
select avg(n) from (select count(*) n from Track group by AlbumId)
-- ---
select AlbumId from Track t group by AlbumId having count(*) > (select count(*) from Album)
-- ---
select AlbumId, count(*) c from Track group by AlbumId having c > 5
-- ---
select t.AlbumId from Track t group by t.AlbumId having t.AlbumId > 5
-- ---
select Milliseconds / 1000 as s from Track order by s * 2
-- ---
select Name as Milliseconds from Track order by Milliseconds
-- ---
select Name from Track where Name = (select Name from Track limit 1) collate nocase
-- ---
select 1 from Track group by Name having Name like 'a%' order by count(*) desc
-- ---
select * from Invoice i where i.Total > (select avg(Total) from Invoice where CustomerId = i.CustomerId)
-- ---
select c.*, (select max(InvoiceDate) from Invoice where CustomerId = c.CustomerId) as LastInvoice from Customer c
-- ---
select Name, Name from Artist
-- ---
select Name from Track order by row_number() over (order by Milliseconds)
-- ---
select lead(Name) over (partition by AlbumId order by TrackId) is null from Track
-- ---
select count(*) over (), count(*) from Track
-- ---
select group_concat(distinct Composer) from Track
-- ---
select group_concat(distinct Composer, ',') from Track
-- ---
select count(distinct Name, Composer) from Track
-- ---
select total(*) from Track
-- ---
select json_extract(Name) from Track
-- ---
select json_object('a') from Track
-- ---
select printf(), char()
-- ---
select random(1)
-- ---
select last_insert_rowid(1)
-- ---
select likelihood(1, 2)
-- ---
select likelihood(1, 0.5)
-- ---
select upper()
-- ---
select Name from Track where TrackId = 1 and (select 1) and exists (select 1 from Genre)
-- ---
select Name from Track where GenreId = (select GenreId from Genre order by Name limit 1 offset 1)
-- ---
select t.* from Track t where t.Milliseconds > 1000 order by t.Milliseconds desc limit 10
-- ---
select Name from Track where Milliseconds > 1000 intersect select Name from Track where GenreId = 1 order by 1
-- ---
select x from (select 1 as x union all select 2) order by x desc
-- ---
select * from (select AlbumId, count(*) as n from Track group by AlbumId) where n > 10
-- ---
select a.Title, t.n from Album a join (select AlbumId, count(*) as n from Track group by AlbumId) t on t.AlbumId = a.AlbumId
-- ---
select a.Title, t.n from Album a join (select AlbumId, count(*) as n from Track group by AlbumId) t using (AlbumId)
-- ---
select a.Title from Album a where a.AlbumId in (select AlbumId from Track group by AlbumId order by count(*) desc limit 5)
-- ---
select likelihood(1, 1)
-- ---
select likelihood(1, 1.0), likelihood(1, 0.0), unlikely(1)
-- ---
select likelihood(1, -0.5)
