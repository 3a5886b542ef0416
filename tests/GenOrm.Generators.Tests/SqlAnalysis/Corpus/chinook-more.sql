-- schema: chinook
-- Edge cases: name resolution, naming, versions of functions, windows, compound ORDER BY.
-- ---
select Name from Artist where Name = Name collate nocase
-- ---
select Milliseconds / 1000 as secs from Track where secs > 100
-- ---
select Name as n from Artist order by n
-- ---
select Name from Artist a where a.Name in (select Name from Artist b where b.ArtistId = a.ArtistId)
-- ---
select * from Artist a where exists (select * from (select * from Album where ArtistId = a.ArtistId))
-- ---
select * from Artist a, (select * from Album where ArtistId = a.ArtistId)
-- ---
select ArtistId from Artist a join Album b on a.ArtistId = b.ArtistId
-- ---
select Name from Artist group by Name having Name like 'A%'
-- ---
select count(*) as c from Track where c > 1
-- ---
select Name from Track order by count(*)
-- ---
select * from Artist right join Album using (ArtistId)
-- ---
select Artist.Name, Album.Title from Artist full outer join Album on Album.ArtistId = Artist.ArtistId
-- ---
select Name from Artist where Name regexp 'a'
-- ---
select sum(Milliseconds) over w from Track window w as (partition by AlbumId)
-- ---
select Name, row_number() over (w order by TrackId) from Track window w as (partition by AlbumId)
-- ---
select Name from Track where row_number() over () > 1
-- ---
select e.key from json_each('{}') as e
-- ---
select * from json_each('[1]')
-- ---
select * from json_tree('[1]')
-- ---
select iif(1, 2)
-- ---
select concat('a', 'b'), concat_ws(',', 'a', 'b')
-- ---
select unhex('00'), octet_length('a')
-- ---
select sqrt(4), pi(), ln(2), floor(1.5), ceil(1.2), power(2, 3), log(8), log(2, 8), mod(7, 3)
-- ---
select string_agg(Name, ',') from Artist
-- ---
select group_concat(Name order by Name) from Artist
-- ---
select timediff('2024-01-01', '2023-01-01')
-- ---
select format('%s', 1)
-- ---
select if(1, 2, 3)
-- ---
select Name from Artist limit 1 offset 1
-- ---
select Name from Artist a join Track t on 1
-- ---
select Title from Album where ArtistId = (select ArtistId from Artist where Name = :name)
-- ---
with Artist as (select 1 as x) select x from Artist
-- ---
select x from (select 1 as x) as "sub"
-- ---
select "sub".x from (select 1 as x) as sub
-- ---
select 1 as a, 2 as a
-- ---
select * from (select 1 as a, 2 as a)
-- ---
select * from (select 1 as "a:1", 2 as a, 3 as a)
-- ---
select Name from (select Name collate nocase from Artist)
-- ---
select * from (select Name collate nocase from Artist)
-- ---
select (Name) from Artist
-- ---
select ((Name)) as n, (Name || 'x') from Artist
-- ---
select Artist.Name, Album.Title from Artist, Album where Artist.ArtistId = Album.ArtistId
-- ---
select count(*) from Artist, Album
-- ---
select max(Name) from Artist where 0
-- ---
select Name from Artist where ArtistId = -:id
-- ---
select -1, - 1, - -1
-- ---
select Name from Artist where ArtistId is :id
-- ---
select :a, @b, $c
-- ---
select :a + 1
-- ---
select Name from Track where Milliseconds > :min order by Name limit :n offset :o
-- ---
select Name from Artist indexed by foo
-- ---
select Name from Artist not indexed
-- ---
select Name from Track where GenreId in (1)
-- ---
select 1 from Artist where Name = 'it''s'
-- ---
select 'it''s' as q
-- ---
select x'0'
-- ---
select 1e
-- ---
select 1.
-- ---
select .
-- ---
select [unterminated from Artist
-- ---
select "unterminated from Artist
-- ---
select Name from Artist where Name = 'a' escape 'b'
-- ---
select case Name when 'a' then 1 else 2 end from Artist
-- ---
select case end from Artist
-- ---
select exists (select 1)
-- ---
select not exists (select 1)
-- ---
select 1 where 1
-- ---
select Name from Artist order by Name, 1
-- ---
select Name n from Artist order by n desc
-- ---
select Name from Artist order by Nme
-- ---
select Name from Artist union select Name from Genre order by 2
-- ---
select Name from Artist union select Name from Genre order by lower(Name)
-- ---
select ArtistId, Name from Artist union select GenreId, Name from Genre order by ArtistId
-- ---
values (1) union select 2
-- ---
select * from (values (1, 2)) as v(a, b)
-- ---
select count(*) from (select 1 union select 2)
-- ---
select Name from Artist where ArtistId in (with x as (select 1) select * from x)
-- ---
with x as (select 1 as a) select * from x as y where y.a = 1
-- ---
with x as (select 1 as a) select x.a from x
-- ---
with recursive x(n) as (select 1 union all select n + 1 from x limit 5) select * from x
-- ---
with x(n) as (select 1 union all select x.n from x, x as y) select * from x
-- ---
with recursive x(n) as (select n from x) select * from x
-- ---
select * from Artist where ArtistId = (select 1 union select 2)
-- ---
select Name, count(*) from Artist
-- ---
select Name, count(*) from Artist group by ArtistId
-- ---
select sum(Name) from Artist
-- ---
select avg(distinct Milliseconds) from Track
-- ---
select count(distinct *) from Track
-- ---
select count(all Name) from Artist
-- ---
select Name from Artist where Name is not null and ArtistId <> 3 and ArtistId != 4 and ArtistId == 5
-- ---
select 1 < 2 < 3
-- ---
select Name from Track where Bytes / Milliseconds > 1
-- ---
select likely(1), unlikely(0), likelihood(1, 0.5)
-- ---
select glob('*', Name), like('%a', Name), like('a', Name, '\') from Artist
-- ---
select Name from Artist where like('%a%', Name)
-- ---
select trim(Name, 'x') from Artist
-- ---
select max() from Artist
-- ---
select min(1, 2, 3)
-- ---
select date(), datetime()
-- ---
select strftime()
-- ---
select lag() over () from Track
-- ---
select ntile() over () from Track
-- ---
select count(*) over (partition by AlbumId order by TrackId groups between 1 preceding and 1 following exclude ties) from Track
-- ---
select count(*) over (order by TrackId range 5 preceding) from Track
-- ---
select count(*) over (range 5 preceding) from Track
-- ---
select sum(Milliseconds) filter (where 1) over w from Track window w as (order by TrackId)
-- ---
select Name from Artist where ArtistId = :id or ArtistId = :id + 1
-- ---
select Name from Artist where ArtistId in (select ArtistId from Album group by ArtistId having count(*) > 2)
-- ---
select a.Name, (select group_concat(Title) from Album where ArtistId = a.ArtistId) from Artist a
-- ---
select Name from Track where AlbumId = (select AlbumId from Album where Title = :t) and GenreId = (select GenreId from Genre where Name = :g)
-- ---
select t.Name from Track t where t.TrackId not in (select TrackId from PlaylistTrack)
-- ---
select t.Name, il.Quantity from Track t left join InvoiceLine il on il.TrackId = t.TrackId where il.InvoiceLineId is null
-- ---
select c.Country, count(distinct c.CustomerId), sum(i.Total) from Customer c join Invoice i on i.CustomerId = c.CustomerId group by c.Country order by 3 desc
-- ---
select e.FirstName || ' ' || e.LastName as Name, count(c.CustomerId) as Customers from Employee e left join Customer c on c.SupportRepId = e.EmployeeId group by e.EmployeeId
-- ---
select g.Name, avg(t.Milliseconds) / 60000.0 as Minutes from Genre g join Track t on t.GenreId = g.GenreId group by g.Name order by Minutes desc
-- ---
select strftime('%Y', i.InvoiceDate) as Year, g.Name, sum(il.UnitPrice * il.Quantity) from Invoice i join InvoiceLine il on il.InvoiceId = i.InvoiceId join Track t on t.TrackId = il.TrackId join Genre g on g.GenreId = t.GenreId group by Year, g.Name
-- ---
select * from Track where TrackId = :id and Name = :name and AlbumId = :album
-- ---
select Name from Genre where GenreId in (select GenreId from Track where AlbumId in (select AlbumId from Album where ArtistId = :a))
-- ---
select distinct g.Name from Genre g, Track t where g.GenreId = t.GenreId
-- ---
select Name from Artist where Name between 'A' and 'M' order by Name
-- ---
select Name from Artist where ArtistId % 2 = 0
-- ---
select Name from Artist where Name like '%' || :q || '%'
-- ---
select InvoiceId, Total, sum(Total) over (order by InvoiceDate) as Running from Invoice
-- ---
select InvoiceId, Total - lag(Total, 1, 0) over (order by InvoiceDate) as Delta from Invoice
-- ---
select CustomerId, InvoiceId, row_number() over (partition by CustomerId order by InvoiceDate) from Invoice
-- ---
select * from Invoice where CustomerId = :c order by InvoiceDate desc limit 1
-- ---
select * from Employee where ReportsTo = (select EmployeeId from Employee where Title = 'General Manager')
-- ---
select Title from Employee group by Title
-- ---
select Country from Customer union select Country from Employee union select BillingCountry from Invoice
-- ---
select Name from Track where Composer like 'AC%' or Composer like 'Angus%'
-- ---
select Name from Track where Milliseconds in (select max(Milliseconds) from Track group by AlbumId)
-- ---
-- unsupported
explain select 1
-- ---
-- unsupported
pragma table_info(Artist)
-- ---
-- unsupported
create table x(a)
-- ---
-- unsupported
select 1; select 2
-- ---
select Name from Track having Name > 1
-- ---
select Name from Track group by Name having count(*) > 1 order by count(*) desc
-- ---
select count(*) as c from Track having c > 1
-- ---
select count(*) as c from Track order by c
-- ---
-- unsupported
select Name from Track where Name match 'x'
-- ---
with recursive x(n) as (select 1 union all select n + 1 from x where n < 3) select n from x where n in (select n from x)
-- ---
select GenreId as g, count(*) from Track group by g
-- ---
select Name from Artist where ArtistId in (select ArtistId from Album where Album.ArtistId = Artist.ArtistId)
-- ---
select Name from Artist where Artist.ArtistId > 0 order by Artist.Name
