-- schema: chinook
-- SELECT statements, valid and invalid, over the Chinook schema. One statement per entry, entries separated by '-- ---'.
-- ---
select * from Artist
-- ---
select ArtistId, Name from Artist
-- ---
select Name from Artist where ArtistId = :id
-- ---
select a.Name from Artist a where a.ArtistId = @id
-- ---
select a.Name as ArtistName from Artist as a
-- ---
select Name as "Artist Name" from Artist
-- ---
select Name 'quoted alias' from Artist
-- ---
select [Name], `ArtistId` from [Artist]
-- ---
select "Name" from "Artist"
-- ---
select NAME, artistid from ARTIST
-- ---
select Artist.Name from Artist
-- ---
select main.Artist.Name from main.Artist
-- ---
select * from Album where ArtistId = $artist order by Title
-- ---
select Title, ArtistId from Album order by 2 desc, 1
-- ---
select distinct ArtistId from Album
-- ---
select all Title from Album
-- ---
select count(*) from Track
-- ---
select count(*) as Tracks, sum(Milliseconds) as Total from Track
-- ---
select count(Composer), count(distinct Composer) from Track
-- ---
select max(Milliseconds), min(Milliseconds), avg(Milliseconds), total(Bytes) from Track
-- ---
select GenreId, count(*) from Track group by GenreId
-- ---
select GenreId, count(*) as n from Track group by GenreId having count(*) > 10 order by n desc
-- ---
select GenreId, count(*) as n from Track group by 1 having n > 10
-- ---
select AlbumId, sum(UnitPrice) from Track group by AlbumId order by sum(UnitPrice) desc limit 5
-- ---
select AlbumId, sum(UnitPrice) from Track group by AlbumId limit :top offset :skip
-- ---
select * from Track limit 10, 20
-- ---
select * from Track limit :top
-- ---
select ar.Name as Artist, count(*) as Albums, max(al.Title) as LastTitle from Artist ar join Album al on al.ArtistId = ar.ArtistId where ar.Name like :prefix group by ar.Name order by Albums desc limit :top
-- ---
select t.Name, a.Title from Track t join Album a on a.AlbumId = t.AlbumId
-- ---
select t.Name, a.Title from Track t inner join Album a on a.AlbumId = t.AlbumId
-- ---
select t.Name, a.Title from Track t left join Album a on a.AlbumId = t.AlbumId
-- ---
select t.Name, a.Title from Track t left outer join Album a on a.AlbumId = t.AlbumId
-- ---
select t.Name, g.Name from Track t cross join Genre g
-- ---
select t.Name, g.Name from Track t, Genre g where t.GenreId = g.GenreId
-- ---
select t.Name, m.Name from Track t join MediaType m using (MediaTypeId)
-- ---
select * from Track join MediaType using (MediaTypeId)
-- ---
select * from Album natural join Artist
-- ---
select AlbumId, Title, Name from Album natural join Artist
-- ---
select ArtistId from Album join Artist using (ArtistId)
-- ---
select * from Album a join Artist r on r.ArtistId = a.ArtistId
-- ---
select a.*, r.Name from Album a join Artist r on r.ArtistId = a.ArtistId
-- ---
select r.* from Album a join Artist r on r.ArtistId = a.ArtistId
-- ---
select t.Name, al.Title, ar.Name from Track t join Album al on al.AlbumId = t.AlbumId join Artist ar on ar.ArtistId = al.ArtistId
-- ---
select t.Name, g.Name as Genre, m.Name as Media from Track t left join Genre g on g.GenreId = t.GenreId left join MediaType m on m.MediaTypeId = t.MediaTypeId
-- ---
select e.FirstName, m.FirstName as Manager from Employee e left join Employee m on m.EmployeeId = e.ReportsTo
-- ---
select c.FirstName, c.LastName, e.LastName from Customer c join Employee e on e.EmployeeId = c.SupportRepId
-- ---
select i.InvoiceId, c.Email, sum(l.UnitPrice * l.Quantity) from Invoice i join Customer c on c.CustomerId = i.CustomerId join InvoiceLine l on l.InvoiceId = i.InvoiceId group by i.InvoiceId, c.Email
-- ---
select p.Name, count(pt.TrackId) from Playlist p left join PlaylistTrack pt on pt.PlaylistId = p.PlaylistId group by p.PlaylistId
-- ---
select * from PlaylistTrack where PlaylistId = :p and TrackId = :t
-- ---
select Name from Track where AlbumId in (select AlbumId from Album where ArtistId = :artist)
-- ---
select Name from Track where AlbumId not in (1, 2, 3)
-- ---
select Name from Track where TrackId in (:a, :b, :c)
-- ---
select Name from Track where GenreId in (select GenreId from Genre where Name like 'R%')
-- ---
select Name from Artist a where exists (select 1 from Album al where al.ArtistId = a.ArtistId)
-- ---
select Name from Artist a where not exists (select * from Album al where al.ArtistId = a.ArtistId)
-- ---
select Name, (select count(*) from Album al where al.ArtistId = a.ArtistId) as Albums from Artist a
-- ---
select (select max(Milliseconds) from Track) as Longest
-- ---
select x.Title from (select Title, ArtistId from Album) x where x.ArtistId = 1
-- ---
select * from (select Title, ArtistId from Album) x
-- ---
select * from (select Title, Title from Album)
-- ---
select * from (select Name, count(*) from Track group by Name)
-- ---
select n from (select count(*) as n from Track)
-- ---
select Title from (select * from Album) where ArtistId = :a
-- ---
select sub.total from (select sum(Total) total from Invoice) sub
-- ---
select Name from Track where Milliseconds > (select avg(Milliseconds) from Track)
-- ---
select Name from Track t where UnitPrice = (select max(UnitPrice) from Track t2 where t2.AlbumId = t.AlbumId)
-- ---
select Name from Track where Composer is null
-- ---
select Name from Track where Composer is not null
-- ---
select Name from Track where Composer isnull
-- ---
select Name from Track where Composer notnull
-- ---
select Name from Track where Composer not null
-- ---
select Name from Track where Composer is distinct from :c
-- ---
select Name from Track where Composer is not distinct from :c
-- ---
select Name from Track where Name like '%love%'
-- ---
select Name from Track where Name not like :pattern escape '\'
-- ---
select Name from Track where Name glob 'A*'
-- ---
select Name from Track where Name not glob '*[0-9]*'
-- ---
select Name from Track where Milliseconds between 1000 and 2000
-- ---
select Name from Track where Milliseconds not between :lo and :hi
-- ---
select Name from Track where Name = 'x' collate nocase
-- ---
select Name collate nocase from Track
-- ---
select Name from Track order by Name collate nocase desc
-- ---
select Name from Track order by Composer nulls last, Name asc nulls first
-- ---
select upper(Name), lower(Name), length(Name) from Track
-- ---
select substr(Name, 1, 3), substring(Name, 2), trim(Name), ltrim(Name, 'x'), rtrim(Name) from Track
-- ---
select replace(Name, 'a', 'b'), instr(Name, 'a') from Track
-- ---
select abs(Milliseconds), round(UnitPrice, 2), round(UnitPrice) from Track
-- ---
select coalesce(Composer, 'Unknown') from Track
-- ---
select coalesce(Composer, Name) from Track
-- ---
select ifnull(Composer, '') as Composer from Track
-- ---
select nullif(Composer, '') from Track
-- ---
select iif(Milliseconds > 300000, 'long', 'short') from Track
-- ---
select typeof(Bytes), quote(Name), hex(Name) from Track
-- ---
select Name || ' (' || Composer || ')' from Track
-- ---
select Milliseconds / 1000 as Seconds, Milliseconds % 1000 from Track
-- ---
select Milliseconds / 1000.0 from Track
-- ---
select -Milliseconds, +Milliseconds, ~Milliseconds, not Milliseconds from Track
-- ---
select Milliseconds * 2 + 1 - 3 from Track
-- ---
select Milliseconds & 255, Milliseconds | 1, Milliseconds << 2, Milliseconds >> 1 from Track
-- ---
select cast(Milliseconds as real) from Track
-- ---
select cast(UnitPrice as integer) as cents from Track
-- ---
select cast(Name as blob), cast(Bytes as text), cast('12' as numeric), cast(1 as varchar(10)) from Track
-- ---
select case when Milliseconds > 300000 then 'long' when Milliseconds > 60000 then 'medium' else 'short' end from Track
-- ---
select case GenreId when 1 then 'Rock' when 2 then 'Jazz' end as Genre from Track
-- ---
select case when Composer is null then 0 else 1 end from Track
-- ---
select 1
-- ---
select 1 + 1
-- ---
select 'abc'
-- ---
select null
-- ---
select x'00ff'
-- ---
select 1.5e3, .5, 0x1F, 12
-- ---
select current_timestamp, current_date, current_time
-- ---
select true, false
-- ---
select date('now'), time('now'), datetime('now', '-1 day'), julianday('now'), unixepoch('now')
-- ---
select strftime('%Y', InvoiceDate) as Year, sum(Total) from Invoice group by Year
-- ---
select strftime('%Y-%m', InvoiceDate), count(*) from Invoice group by 1 order by 1
-- ---
select date(InvoiceDate) from Invoice where InvoiceDate >= :from and InvoiceDate < :to
-- ---
select BillingCountry, sum(Total) from Invoice group by BillingCountry having sum(Total) > :min order by 2 desc
-- ---
select random(), randomblob(4), zeroblob(4), changes(), total_changes(), last_insert_rowid()
-- ---
select sqlite_version()
-- ---
select char(65, 66), unicode('A'), printf('%d items', 3), format('%s', Name) from Track
-- ---
select group_concat(Name), group_concat(Name, '; ') from Track
-- ---
select AlbumId, group_concat(Name, ', ') from Track group by AlbumId
-- ---
select json_object('id', ArtistId, 'name', Name) from Artist
-- ---
select json_array(1, 2, 3), json_array_length('[1,2]'), json_extract('{"a":1}', '$.a'), json_type('[]')
-- ---
select json_group_array(Name) from Artist
-- ---
select json_group_object(Name, ArtistId) from Artist
-- ---
select '{"a":[1,2]}' -> '$.a', '{"a":2}' ->> '$.a'
-- ---
select key, value from json_each('[1,2,3]')
-- ---
select j.value from Track t, json_each('[1,2]') j where j.value = t.TrackId
-- ---
select Name from Track where TrackId in (select value from json_each(:ids))
-- ---
select row_number() over (order by Milliseconds desc) as rn, Name from Track
-- ---
select Name, rank() over (partition by AlbumId order by Milliseconds desc) from Track
-- ---
select Name, dense_rank() over (order by GenreId), percent_rank() over (order by GenreId), cume_dist() over (order by GenreId) from Track
-- ---
select Name, ntile(4) over (order by Milliseconds) from Track
-- ---
select Name, lag(Name) over (order by TrackId), lead(Name, 1, 'none') over (order by TrackId) from Track
-- ---
select Name, first_value(Name) over w, last_value(Name) over w from Track window w as (partition by AlbumId order by TrackId)
-- ---
select Name, nth_value(Name, 2) over (order by TrackId rows between unbounded preceding and unbounded following) from Track
-- ---
select AlbumId, sum(Milliseconds) over (partition by AlbumId) from Track
-- ---
select AlbumId, sum(Milliseconds) over (order by TrackId rows between 2 preceding and current row) from Track
-- ---
select AlbumId, avg(Milliseconds) over (order by TrackId range between unbounded preceding and current row) from Track
-- ---
select count(*) over () from Track
-- ---
select AlbumId, count(*) filter (where Milliseconds > 300000) from Track group by AlbumId
-- ---
select sum(Milliseconds) filter (where GenreId = 1) over (partition by AlbumId) from Track
-- ---
select * from (select Name, row_number() over (partition by AlbumId order by Milliseconds desc) as rn from Track) where rn <= 3
-- ---
select Name from Artist union select Title from Album
-- ---
select Name from Artist union all select Title from Album
-- ---
select Name from Artist intersect select Name from Genre
-- ---
select Name from Artist except select Name from Genre
-- ---
select ArtistId as Id, Name from Artist union select AlbumId, Title from Album order by Id
-- ---
select Name from Artist union select Title from Album order by 1 limit 10
-- ---
select Name from Artist union select Title from Album order by Name
-- ---
select Name from Artist union select Title from Album order by Title
-- ---
select Name, 1 from Artist union all select Name, 2 from Genre union all select Name, 3 from MediaType
-- ---
values (1, 'a'), (2, 'b')
-- ---
select * from (values (1, 'a'), (2, 'b'))
-- ---
select column1 from (values (1), (2))
-- ---
with recent as (select * from Invoice where InvoiceDate > :since) select count(*) from recent
-- ---
with a(id, name) as (select ArtistId, Name from Artist) select name from a where id = 1
-- ---
with a as (select ArtistId, Name from Artist), b as (select * from a where Name like 'A%') select * from b
-- ---
with recursive cnt(x) as (select 1 union all select x + 1 from cnt where x < 10) select x from cnt
-- ---
with cnt(x) as (select 1 union all select x + 1 from cnt where x < 10) select x from cnt
-- ---
with recursive chain(id, boss, depth) as (select EmployeeId, ReportsTo, 0 from Employee where ReportsTo is null union all select e.EmployeeId, e.ReportsTo, c.depth + 1 from Employee e join chain c on e.ReportsTo = c.id) select * from chain
-- ---
with t as materialized (select 1 as x) select x from t
-- ---
with t as not materialized (select 1 as x) select x from t
-- ---
select (with t as (select 1 as x) select x from t)
-- ---
select GenreId, count(*) from Track where Milliseconds > 1000 group by GenreId having GenreId > 1 order by count(*)
-- ---
select AlbumId from Track group by AlbumId having max(Milliseconds) > 600000
-- ---
select count(*) from Track having count(*) > 0
-- ---
select Name from Track where Name > 'M' and (GenreId = 1 or GenreId = 2) and not Composer is null
-- ---
select Name from Track where (AlbumId, GenreId) = (1, 1)
-- ---
select Name from Track where (AlbumId, GenreId) in (select AlbumId, GenreId from Track where TrackId < 10)
-- ---
select max(Milliseconds, 100), min(Milliseconds, Bytes) from Track
-- ---
select Name from Track where rowid = 1
-- ---
select rowid, Name from Artist
-- ---
select Total * 2 from Invoice
-- ---
select Title from Album where Title like :title || '%'
-- ---
select Name from Track -- trailing comment
-- ---
/* leading comment */ select Name from Artist
-- ---
select Name from Artist;
-- ---
select InvoiceDate from Invoice order by InvoiceDate desc limit 1
-- ---
select count(distinct BillingCountry) from Invoice
-- ---
select e.LastName, (select count(*) from Customer c where c.SupportRepId = e.EmployeeId) from Employee e
-- ---
select Name from Track where Milliseconds > all_time
-- ---
select Nme from Artist
-- ---
select Name from Artst
-- ---
select a.Nam from Artist a
-- ---
select x.Name from Artist a
-- ---
select Name from Track join Album using (AlbumId) join Artist using (ArtistId)
-- ---
select Name from Track t join Genre g on g.GenreId = t.GenreId
-- ---
select ArtistId from Artist join Album on Album.ArtistId = Artist.ArtistId
-- ---
select Artist.Name from Artist a
-- ---
select * from Artist where Name = "Name"
-- ---
select * from Artist where Name = "AC/DC"
-- ---
select cout(*) from Track
-- ---
select substr(Name) from Track
-- ---
select count(Name, Composer) from Track
-- ---
select coalesce(Name) from Track
-- ---
select rank() from Track
-- ---
select Name from Track where count(*) > 1
-- ---
select Name from Track group by count(*)
-- ---
select sum(max(Milliseconds)) from Track
-- ---
select upper(Name) over () from Track
-- ---
select Name from Track order by 3
-- ---
select Name from Track group by 2
-- ---
select Name from Track order by 0
-- ---
select * from Track where
-- ---
select Name form Track
-- ---
select Name from Track whre TrackId = 1
-- ---
select from Track
-- ---
select Name, from Track
-- ---
select Name from Track order Name
-- ---
select Name from Track limit
-- ---
select Name from Track where Name = 'unterminated
-- ---
select (1, 2)
-- ---
select (select 1, 2)
-- ---
select Name from Track where TrackId in (select TrackId, Name from Track)
-- ---
select Name from Artist union select Title, AlbumId from Album
-- ---
select Name from Artist union select Title from Album order by Bogus
-- ---
select *
-- ---
select a.* from Artist
-- ---
select 1abc
-- ---
select Name from Track where Name == !
-- ---
select Name from Track where Name = :
-- ---
select Name from Track where (AlbumId, GenreId) = (1, 2, 3)
-- ---
select Name from Artist a, Artist a
-- ---
select nosuchcol from (select Name from Artist)
-- ---
with a(x, y) as (select 1) select * from a
-- ---
with a as (select * from a) select * from a
-- ---
select Name from Track t window w as (order by TrackId) order by Name
-- ---
select Name, row_number() over w2 from Track window w as (order by TrackId)
-- ---
select json_each from Track
-- ---
select Name from json_eachx('[1]')
-- ---
select Name from Track where Name like
-- ---
select Name from Track where Milliseconds between 1 2
-- ---
select case when 1 then 2 from Track
-- ---
select cast(Name) from Track
-- ---
select Name from Track where exists Track
-- ---
select Name from Track t join Album a
-- ---
select Name from Track t join Album a on
-- ---
select Name from Track natural join
-- ---
select distinct from Track
-- ---
select Name as from Track
-- ---
select Name from Track order by Name limit 1 offset
-- ---
select Name from Track group by
-- ---
select count(*) filter (Milliseconds > 1) from Track
-- ---
select Name from temp.Track
-- ---
select Name from other.Track
-- ---
select sqlite_source_id()
-- ---
select Name from Artist intersect select Title, 1 from Album
-- ---
select 'a' 'b'
-- ---
select Name from Track where Name in ()
-- ---
select Name from Track where TrackId in Track
-- ---
select Name from Track where TrackId in Genre
-- ---
select distinct Name, Composer from Track order by Composer
-- ---
-- unsupported
select Name from Artist where ArtistId = ?
-- ---
-- unsupported
select Name from Artist where ArtistId = ?1
