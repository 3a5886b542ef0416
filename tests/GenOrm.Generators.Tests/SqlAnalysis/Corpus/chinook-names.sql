-- schema: chinook
-- Name resolution and result-column naming: quoting, qualifiers, USING/NATURAL, windows, literals.
-- ---
select Name  ||  'x' from Artist
-- ---
select upper(/*c*/Name) from Artist
-- ---
select Name -- c
 from Artist
-- ---
select 1 +
 2
-- ---
select Name as "x y" from Artist
-- ---
select [Name] from Artist
-- ---
select Artist.[Name] from Artist
-- ---
select "Artist"."Name" from "Artist"
-- ---
select `Name` as `n` from Artist
-- ---
select Name from Artist as "A" where "a".ArtistId = 1
-- ---
select A.Name from Artist a
-- ---
select Name from main.Artist a
-- ---
select main.Artist.Name from Artist
-- ---
select main.a.Name from Artist a
-- ---
select t.Name from Track t where t.TrackId = (select max(t.TrackId) from Track)
-- ---
select (select t.Name) from Track t
-- ---
select Name from Track t where exists (select 1 from Album where Album.AlbumId = t.AlbumId and Title = t.Name)
-- ---
select * from Track t1 join Track t2 using (AlbumId) where t1.TrackId < t2.TrackId
-- ---
select AlbumId from Track t1 join Track t2 using (AlbumId)
-- ---
select t2.AlbumId from Track t1 join Track t2 using (AlbumId)
-- ---
select * from Track natural join InvoiceLine
-- ---
select UnitPrice from Track natural join InvoiceLine
-- ---
select * from Artist a left join Album b using (ArtistId) left join Track c using (AlbumId)
-- ---
select * from Artist, Album using (ArtistId)
-- ---
select * from Artist join Album
-- ---
select * from Artist natural join Album on 1
-- ---
select * from Artist join Album using (Name)
-- ---
select * from Artist left join Album
-- ---
select * from (Artist join Album using (ArtistId))
-- ---
select * from (select 1) join (select 2)
-- ---
select * from (select 1 as x) a join (select 1 as x) b using (x)
-- ---
select count(*) from (select * from Artist limit 5)
-- ---
select * from Artist limit 5 offset 2
-- ---
select * from Artist order by Name limit -1
-- ---
select * from Artist limit 'a'
-- ---
select * from Artist limit Name
-- ---
select * from Artist order by (select 1)
-- ---
select Name from Artist order by ArtistId + 1
-- ---
select Name, count(*) over (partition by Name) from Artist order by 2
-- ---
select Name, count(*) over win from Artist window win as (partition by Name), win2 as (win order by ArtistId)
-- ---
select Name from Artist window w as (partition by Name)
-- ---
select sum(ArtistId) over (w rows 1 preceding) from Artist window w as (order by ArtistId)
-- ---
select sum(ArtistId) over (w partition by Name) from Artist window w as (order by ArtistId)
-- ---
select max(Name) over (order by ArtistId) from Artist
-- ---
select Name from Artist group by Name order by count(*)
-- ---
select Name from Artist group by 1 order by 1
-- ---
select ArtistId % 3, count(*) from Artist group by ArtistId % 3
-- ---
select count(*), Name from Artist group by Name having Name = 'x' or count(*) > 1
-- ---
select * from Artist group by Name
-- ---
select distinct * from Artist
-- ---
select Name from Artist where ArtistId in (select ArtistId from Album) and Name not in (select Name from Genre)
-- ---
select Name from Artist where (select count(*) from Album where Album.ArtistId = Artist.ArtistId) > 2
-- ---
select Name from Artist where ArtistId = any (select 1)
-- ---
select Name from Artist where Name is 'x'
-- ---
select Name from Artist where Name is not distinct from null
-- ---
select 1 between 0 and 2 = 1
-- ---
select Name like 'a' from Artist
-- ---
select Name not like 'a' escape 'x' from Artist
-- ---
select Name glob 'a' = 1 from Artist
-- ---
select * from Artist where not Name = 'x'
-- ---
select cast(null as int), cast(1 as "int"), cast(1 as unsigned big int), cast(1 as decimal(10, 2)), cast(1 as varchar(-1))
-- ---
select cast(1 as)
-- ---
select 1 collate binary, 'a' collate "nocase", 'a' collate rtrim
-- ---
select 'a' collate nosuch
-- ---
select x'', X'AB'
-- ---
select 9223372036854775807, 9223372036854775808
-- ---
select 0x7fffffffffffffff
-- ---
select 0xffffffffffffffffff
-- ---
select 1_000
-- ---
select '''', 'a''b'
-- ---
select @a, @a
-- ---
select "Name" from Artist where "Name" = 'x'
-- ---
select Artist.* from Artist
-- ---
select Artist.*, Album.* from Artist join Album using (ArtistId)
-- ---
select count(*) from Artist where ArtistId in ()
-- ---
select Name from Artist where ArtistId not in () and 1
-- ---
select e.LastName, m.LastName from Employee e join Employee m on e.ReportsTo = m.EmployeeId where m.ReportsTo is null
-- ---
select * from Employee e1, Employee e2 where e1.EmployeeId = e2.ReportsTo
-- ---
select LastName from Employee e1, Employee e2
-- ---
select Name from Genre g where not exists (select 1 from Track t where t.GenreId = g.GenreId)
-- ---
select Name, (select Name from MediaType m where m.MediaTypeId = t.MediaTypeId) as Media from Track t
-- ---
select Name from Track where length(Name) > 20 order by length(Name) desc
-- ---
select distinct Composer from Track where Composer is not null order by Composer
-- ---
select AlbumId, count(*) as n from Track group by AlbumId order by n desc, AlbumId limit 1
-- ---
select sum(case when GenreId = 1 then 1 else 0 end) as rock, sum(iif(GenreId = 2, 1, 0)) as jazz from Track
